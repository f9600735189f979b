"""Extraction: turn a parsed `Document` into records (metadata, references, campaigns, awards,
quantities), each with its provenance.

`extract(doc)` runs the spaCy pipeline (loaded once per process) over the blocks with
`nlp.pipe`, then the extractors in order: metadata (so the document's own number is known),
references (they claim their numbers and dates), campaigns, quantities and awards (text, then
tables). The structure of every block (nlp.structure: clauses, brackets, list cues, recipient
groups) is read once and kept on the document for the award extractor and the reconciler;
the recipient lists of award decisions come last.
"""
from __future__ import annotations

from ..model import Document
from . import awards, campaigns, metadata, quantities, recipients, references, structure
from .blocks import views
from .pipeline import load, tokenizable


def extract(doc: Document) -> Document:
    """Fill doc.metadata, references, campaigns, awards and quantities; return the same doc."""
    nlp = load()
    sdocs = list(nlp.pipe(tokenizable(b.text) for b in doc.blocks))
    block_views = views(doc.blocks, sdocs)
    doc.metadata = metadata.extract(block_views)
    doc.references = references.extract(doc, block_views, doc.metadata.number)
    doc.campaigns = campaigns.extract(doc, block_views, doc.references)
    doc.quantities = quantities.extract(doc, block_views)
    doc.structures = structure.structures(doc)
    doc.awards = awards.extract(doc, block_views, doc.quantities)
    doc.recipients, doc.recipient_lists = recipients.extract(doc)
    return doc


__all__ = ["extract"]
