"""Developer tools: the corpus markup, gold checks, the report generator and its renderers.
Not used by the extractor at run time."""
