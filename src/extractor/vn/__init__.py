"""Vietnamese-language primitives shared by every stage: text keys, numbers, dates."""
