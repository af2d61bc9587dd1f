"""Soundtrack albums, their tracks, the songs they record, writers and performers."""

from __future__ import annotations

from rdflib import RDF, RDFS, Literal, URIRef

from kg.iri import wikipedia_url
from kg.mapping.builder import GraphBuilder, date_literal, duration, en
from kg.model import Album, Artist, Soundtrack, Track
from kg.vocab import KG, SCHEMA


def map_soundtrack(b: GraphBuilder, soundtrack: Soundtrack) -> None:
    for album in soundtrack.albums:
        map_album(b, album)


def artist(b: GraphBuilder, credited: Artist) -> URIRef:
    """A performer or writer: a ``schema:MusicGroup`` for groups, else a ``schema:Person``."""
    return b.entity(credited.ref, SCHEMA.MusicGroup if credited.group else SCHEMA.Person)


def map_album(b: GraphBuilder, album: Album) -> None:
    """A soundtrack album (``kg:soundtrack``, never merged into the film) and its tracks."""
    g = b.g
    node = b.node("soundtrack", album.index)
    g.add((b.film, KG.soundtrack, node))
    g.add((node, RDF.type, SCHEMA.MusicAlbum))
    g.add((node, SCHEMA.name, en(album.name)))
    g.add((node, SCHEMA.albumProductionType, SCHEMA.SoundtrackAlbum))
    g.add((node, SCHEMA.numTracks, Literal(len(album.tracks))))
    if album.headline:
        g.add((node, KG.headline, en(album.headline)))
    if album.released is not None:
        g.add((node, SCHEMA.datePublished, date_literal(album.released)))
    if album.length:
        g.add((node, SCHEMA.duration, duration(album.length)))
    for label in album.labels:
        g.add((node, SCHEMA.recordLabel, b.entity(label, SCHEMA.Organization)))
    for producer in album.producers:
        g.add((node, SCHEMA.producer, b.entity(producer, SCHEMA.Person)))
    for credited in album.artists:
        g.add((node, SCHEMA.byArtist, artist(b, credited)))
    for track in album.tracks:
        g.add((node, SCHEMA.track, map_track(b, track, album)))


def map_track(b: GraphBuilder, track: Track, album: Album) -> URIRef:
    """A ``schema:MusicRecording`` and the ``schema:MusicComposition`` it records."""
    g = b.g
    node = b.node("soundtrack", album.index, "track", track.position)
    g.add((node, RDF.type, SCHEMA.MusicRecording))
    g.add((node, SCHEMA.name, en(track.title)))
    g.add((node, SCHEMA.position, Literal(track.position)))
    if track.length is not None:
        g.add((node, SCHEMA.duration, duration(track.length)))
    for note in track.notes:
        g.add((node, KG.note, en(note)))
    for i, performer in enumerate(track.performers, start=1):
        person = artist(b, performer)
        g.add((node, SCHEMA.byArtist, person))
        if performer.character:
            role = b.node("soundtrack", album.index, "track", track.position, "performer", i)
            g.add((node, KG.performerRole, role))
            g.add((role, RDF.type, SCHEMA.PerformanceRole))
            g.add((role, SCHEMA.actor, person))
            g.add((role, SCHEMA.characterName, en(performer.character)))
            g.add((role, SCHEMA.position, Literal(i)))
    if track.spoken and not (track.composers or track.lyricists or track.song):
        return node  # a dialogue excerpt records no composition
    if track.song is not None and track.song.is_global:
        song = b.entity(track.song, SCHEMA.MusicComposition, name=track.title)
    else:
        song = b.node("soundtrack", album.index, "track", track.position, "composition")
        g.add((song, RDF.type, SCHEMA.MusicComposition))
        g.add((song, SCHEMA.name, en(track.title)))
        if track.song is not None and track.song.title:
            g.add((song, RDFS.seeAlso, URIRef(wikipedia_url(track.song.title, track.song.section or None))))
    g.add((node, SCHEMA.recordingOf, song))
    for composer in track.composers:
        g.add((song, SCHEMA.composer, artist(b, composer)))
    for lyricist in track.lyricists:
        g.add((song, SCHEMA.lyricist, artist(b, lyricist)))
    return node
