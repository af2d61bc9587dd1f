"""Errors raised by kg, and the process exit codes they map to.

Exit codes (documented in README.md):

* 0 — every input exported and every graph conforms to the shapes;
* 1 — a graph does not conform to the SHACL shapes (it is still written);
* 2 — usage error (bad option or argument; click's default);
* 3 — an input could not be exported (:class:`InputError` and its subclasses);
* 4 — an output could not be written (:class:`OutputError`);
* 5 — an unexpected error (a bug in kg) while exporting one input; the message names
  the input, and the other inputs are still exported;
* 6 — a store could not be used (:class:`StoreError`): an embedded store's folder is
  locked by another program, read-only or not an Oxigraph store, or a SPARQL endpoint is
  down, too slow, refuses the credentials or fails; when sending articles, the ones that
  failed are named one per line, the others went in, and a re-run sends only what is
  missing. A store is never left with part of an article;
* 7 — a remote source could not be used (:class:`RemoteError`): the Wikipedia or
  Wikidata API cannot be reached, keeps failing after its retries, or refuses a request;
  what was fetched before is kept in the cache, and a re-run asks only for the rest;
* 130 / 143 — interrupted by SIGINT (Ctrl-C) / SIGTERM: the articles already written
  are complete, nothing half-written or temporary is left behind.

Messy wikitext is never an error: extractors record a warning
and go on. An error means the input as a whole cannot give a graph.
"""

from __future__ import annotations

EXIT_OK = 0
EXIT_NONCONFORMANT = 1
EXIT_USAGE = 2
EXIT_INPUT = 3
EXIT_OUTPUT = 4
EXIT_INTERNAL = 5
EXIT_STORE = 6
EXIT_REMOTE = 7
EXIT_SIGINT = 130
EXIT_SIGTERM = 143


class KgError(Exception):
    """Base class of every error kg raises on purpose.

    :param source: the input the error is about (file name, ``-`` or page title).
    :param message: what is wrong, in one line, ideally with a remedy.
    """

    exit_code = EXIT_INPUT

    def __init__(self, source: str, message: str) -> None:
        self.source = source
        self.message = message
        super().__init__(f"{source}: {message}")


class UsageError(KgError):
    """The command line asks for something that cannot be done (exit code 2)."""

    exit_code = EXIT_USAGE


class InputError(KgError):
    """The input cannot be read or does not hold a usable page."""


class NotFoundError(InputError):
    """The input file does not exist or is not a file."""


class FormatError(InputError):
    """The input is not MediaWiki API JSON, an XML export, or wikitext we can read."""


class MissingPageError(InputError):
    """The API response or dump holds no page, or the page is missing / has no content."""


class RedirectError(InputError):
    """The page is a redirect; the message names its target."""

    def __init__(self, source: str, target: str) -> None:
        self.target = target
        super().__init__(source, f'is a redirect to "{target}"; export "{target}" instead')


class NotAFilmError(InputError):
    """The page is not a film article (no {{Infobox film}}, another namespace, a film series)."""


#: The errors that say a page is not a film article: a *refusal*, not a failure. In an
#: input that holds several pages (a dump) refusals are counted, not reported as errors.
REFUSALS = (NotAFilmError, RedirectError)


class OutputError(KgError):
    """An output could not be written. The run stops: whatever comes next would fail too."""

    exit_code = EXIT_OUTPUT
    #: whether the run stops (the folder or the store is unusable)
    fatal = True


class NameClashError(OutputError):
    """Two titles would share one output name; the second article is not written, the run goes on."""

    fatal = False


class StoreError(OutputError):
    """A store cannot be used: opened, written or queried (exit code 6).

    :param source: the store (its folder, or the endpoint URL without credentials).
    :param message: what is wrong, with a remedy.
    :param fatal: whether the run stops (the store is unusable) or only this article failed.
    """

    exit_code = EXIT_STORE

    def __init__(self, source: str, message: str, fatal: bool = True) -> None:
        super().__init__(source, message)
        self.fatal = fatal


class RemoteError(KgError):
    """The Wikipedia or Wikidata API cannot be used (exit code 7).

    :param source: the API endpoint.
    :param message: what is wrong, with a remedy.
    """

    exit_code = EXIT_REMOTE


class QueryError(KgError):
    """A SPARQL query that does not parse, or a named query given wrong parameters (exit code 3)."""


class InternalError(KgError):
    """An unexpected exception (a bug in kg) while exporting one page; the run goes on.

    :param source: the input and page it happened on.
    :param exc: the exception.
    """

    exit_code = EXIT_INTERNAL

    def __init__(self, source: str, exc: BaseException) -> None:
        from kg import __version__

        self.exc = exc
        message = " ".join(str(exc).split())[:200]
        super().__init__(
            source, f"internal error ({type(exc).__name__}: {message}); this is a bug in kg {__version__}, please report it"
        )
