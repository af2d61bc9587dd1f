"""Opening an input: the file or standard input, its compression (detected once, by
magic bytes), its start for recognising the format, and text decoding.

Every reader gets an :class:`Input`: a binary stream of the *decompressed* content
positioned at its start, the first :data:`HEAD_SIZE` bytes of that content, and the
name the user gave (for messages). Nothing here knows about MediaWiki formats.
"""

from __future__ import annotations

import bz2
import codecs
import gzip
import io
import lzma
import os
import sys
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, BinaryIO

from kg.errors import FormatError, InputError, MissingPageError, NotFoundError

#: How many bytes are read ahead to recognise compression and format.
HEAD_SIZE = 64 * 1024
#: Chunk size of streaming reads.
CHUNK = 64 * 1024

COMPRESSION_MAGIC = (
    (b"BZh", "bzip2"),
    (b"\x1f\x8b", "gzip"),
    (b"\xfd7zXZ\x00", "xz"),
)
#: The file-name suffix of each compression, to tell a misnamed file from a damaged one.
COMPRESSION_SUFFIXES = {".bz2": "bzip2", ".gz": "gzip", ".xz": "xz"}

IO_ERRORS = (OSError, EOFError, lzma.LZMAError, zlib.error)


def compression_of(data: bytes) -> str | None:
    """``"bzip2"``, ``"gzip"``, ``"xz"`` or ``None``, from the first bytes of a file."""
    for magic, kind in COMPRESSION_MAGIC:
        if data.startswith(magic):
            return kind
    return None


def decompress_prefix(data: bytes, kind: str) -> bytes:
    """Up to :data:`HEAD_SIZE` bytes of the decompressed start of ``data`` (best effort)."""
    try:
        if kind == "bzip2":
            return bz2.BZ2Decompressor().decompress(data, max_length=HEAD_SIZE)
        if kind == "gzip":
            return zlib.decompressobj(wbits=31).decompress(data, HEAD_SIZE)
        return lzma.LZMADecompressor().decompress(data, max_length=HEAD_SIZE)
    except (OSError, EOFError, ValueError, lzma.LZMAError, zlib.error):
        return b""


def is_utf16(data: bytes) -> bool:
    return data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))


def decode_head(data: bytes) -> str:
    """Decode the start of an input leniently, for recognising its format only."""
    if is_utf16(data):
        return data[: len(data) // 2 * 2].decode("utf-16", "replace")
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8):]
    return data.decode("utf-8", "replace")


def decode(data: bytes, source: str) -> str:
    """Decode a whole input (UTF-8, with or without BOM, or UTF-16 with BOM); newlines as ``\\n``.

    :raises FormatError: the bytes are not text in one of those encodings.
    """
    if is_utf16(data):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise FormatError(source, f"is not UTF-16 text (invalid bytes at offset {exc.start})") from None
    else:
        base = len(codecs.BOM_UTF8) if data.startswith(codecs.BOM_UTF8) else 0
        try:
            text = data[base:].decode("utf-8")
        except UnicodeDecodeError as exc:
            raise not_utf8(source, exc.object[exc.start], base + exc.start) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def not_utf8(source: str, byte: int, offset: int) -> FormatError:
    return FormatError(source, f"is not UTF-8 text (invalid byte 0x{byte:02x} at offset {offset})")


class Replay(io.RawIOBase):
    """A read-only stream that replays ``prefix`` and then reads ``stream``.

    With ``check_utf8`` it also validates what passes through as UTF-8 and raises a
    :class:`FormatError` with the offset of the first invalid byte.
    """

    def __init__(self, prefix: bytes, stream: Any, source: str, check_utf8: bool = False) -> None:
        super().__init__()
        self._prefix = prefix
        self._stream = stream
        self._source = source
        self._decoder = codecs.getincrementaldecoder("utf-8")() if check_utf8 else None
        self._offset = 0  # bytes handed to the decoder so far

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        data = self.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)

    def read(self, size: int | None = -1) -> bytes:
        if size is None or size < 0:
            data = self._prefix + self._stream.read()
            self._prefix = b""
        elif self._prefix:
            data, self._prefix = self._prefix[:size], self._prefix[size:]
        else:
            data = self._stream.read(size)
        if self._decoder is not None:
            self._check(data)
        return data

    def _check(self, data: bytes) -> None:
        assert self._decoder is not None
        pending = self._decoder.getstate()[0]
        try:
            self._decoder.decode(data, final=not data)
        except UnicodeDecodeError as exc:
            raise not_utf8(self._source, exc.object[exc.start], self._offset - len(pending) + exc.start) from None
        self._offset += len(data)


def read_upto(stream: Any, size: int) -> bytes:
    """Read ``size`` bytes, or fewer only at the end of the stream."""
    parts: list[bytes] = []
    want = size
    while want > 0:
        chunk = stream.read(want)
        if not chunk:
            break
        parts.append(chunk)
        want -= len(chunk)
    return b"".join(parts)


class Input:
    """An opened input, decompressed, with its first bytes read ahead.

    :param stream: the decompressed content, positioned after :attr:`head`.
    :param head: the first :data:`HEAD_SIZE` bytes of the content (fewer at its end).
    :param source: the input as the user named it (a path, or ``-``).
    :param compression: ``"bzip2"``, ``"gzip"``, ``"xz"`` or ``None``.
    """

    def __init__(self, stream: Any, head: bytes, source: str, compression: str | None) -> None:
        self.stream = stream
        self.head = head
        self.source = source
        self.compression = compression
        self.at_end = len(head) < HEAD_SIZE
        self.head_text = decode_head(head)

    def io_error(self, exc: BaseException) -> InputError:
        """The error to raise when reading fails part-way (a damaged compressed file)."""
        if self.compression is not None:
            return FormatError(self.source, f"is not a valid {self.compression} file ({exc})")
        reason = getattr(exc, "strerror", None) or str(exc) or type(exc).__name__
        return InputError(self.source, f"cannot be read ({reason})")

    def replay(self, *, check_utf8: bool = False) -> Replay:
        """The whole content as a stream (the head, then the rest)."""
        return Replay(self.head, self.stream, self.source, check_utf8=check_utf8 and not is_utf16(self.head))

    def text(self) -> str:
        """The whole content, decoded (for inputs that are read whole: JSON, wikitext)."""
        try:
            if self.at_end:
                data = self.head
            else:
                parts = [self.head]
                while chunk := self.stream.read(CHUNK):
                    parts.append(chunk)
                data = b"".join(parts)
        except IO_ERRORS as exc:
            raise self.io_error(exc) from None
        return decode(data, self.source)


def open_path(path: str, source: str) -> BinaryIO:
    try:
        if os.path.isdir(path):
            raise NotFoundError(source, "is a directory, not a file")
        return open(path, "rb")  # noqa: SIM115 - closed by open_input
    except (FileNotFoundError, NotADirectoryError):
        raise NotFoundError(source, "no such file") from None
    except IsADirectoryError:
        raise NotFoundError(source, "is a directory, not a file") from None
    except PermissionError:
        raise InputError(source, "cannot be read (permission denied)") from None
    except OSError as exc:
        raise InputError(source, f"cannot be read ({exc.strerror or exc})") from None


@contextmanager
def open_input(
    path_or_stream: str | os.PathLike[str] | BinaryIO | None,
    *,
    source: str | None = None,
    stdin: BinaryIO | None = None,
) -> Iterator[Input]:
    """Open an input and recognise its compression, once.

    :param path_or_stream: a file path as the user gave it, ``"-"`` or ``None`` for
        standard input, or an open binary stream (left open).
    :param source: the name used in messages (default: the path, or ``-``).
    :param stdin: the binary stream read for ``"-"``; default ``sys.stdin.buffer``.
    :raises NotFoundError: no such file, or a directory.
    :raises FormatError: the name promises a compression the content does not have, or
        the compressed data is damaged.
    :raises MissingPageError: the input is empty.
    :raises InputError: the file cannot be read.
    """
    close = False
    path: str | None = None
    if path_or_stream is None or (isinstance(path_or_stream, str) and path_or_stream == "-"):
        src = source if source is not None else "-"
        stream: Any = stdin
        if stream is None:
            if sys.stdin is None:
                raise InputError(src, "standard input is not available")
            stream = getattr(sys.stdin, "buffer", sys.stdin)
    elif hasattr(path_or_stream, "read"):
        src = source if source is not None else "-"
        stream = path_or_stream
    else:
        path = os.fsdecode(os.fspath(path_or_stream))  # type: ignore[arg-type]
        src = source if source is not None else path
        stream = open_path(path, src)
        close = True
    if isinstance(stream, io.TextIOBase):
        stream = stream.buffer
    try:
        try:
            head = read_upto(stream, HEAD_SIZE)
        except IO_ERRORS as exc:
            raise InputError(src, f"cannot be read ({getattr(exc, 'strerror', None) or exc})") from None
        kind = compression_of(head)
        named = _named_compression(path)
        if kind is None and named is not None and head:
            raise FormatError(src, f"is not a {named} file (its name ends in {os.path.splitext(path or '')[1]}, but it does not start with a {named} header)")
        content: Any = stream
        if kind is not None:
            raw = Replay(head, stream, src)
            if kind == "bzip2":
                content = bz2.BZ2File(raw)
            elif kind == "gzip":
                content = gzip.GzipFile(fileobj=raw, mode="rb")
            else:
                content = lzma.LZMAFile(raw)
            try:
                head = read_upto(content, HEAD_SIZE)
            except IO_ERRORS as exc:
                raise FormatError(src, f"is not a valid {kind} file ({exc})") from None
        inp = Input(content, head, src, kind)
        if inp.at_end and not inp.head_text.strip():
            raise MissingPageError(src, "is empty")
        yield inp
    finally:
        if close:
            stream.close()


def _named_compression(path: str | None) -> str | None:
    if path is None:
        return None
    return COMPRESSION_SUFFIXES.get(os.path.splitext(path)[1].lower())
