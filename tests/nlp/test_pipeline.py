import spacy

from extractor.nlp import lexicon
from extractor.nlp.pipeline import LEX_KEY, RULER, build, load, model_dir


def test_saved_model_matches_the_data_files():
    """The committed models/ pipeline holds exactly the patterns the data files give today
    (rebuild with `make model` after editing a data file)."""
    saved = spacy.load(model_dir())
    assert saved.pipe_names == ["vn_norm", RULER]
    assert saved.get_pipe(RULER).patterns == build().get_pipe(RULER).patterns == lexicon.patterns()


def test_saved_tokenizer_keeps_symbols_as_the_reader_does():
    """The committed tokenizer's whole-token pattern is today's (it is saved with the model)."""
    saved, fresh = spacy.load(model_dir()).tokenizer, build().tokenizer
    assert saved.token_match.__self__.pattern == fresh.token_match.__self__.pattern


def test_tokenizer_keeps_symbols_and_splits_percent():
    nlp = load()
    tokens = [t.text for t in nlp("Quyết định số 1478/QĐ-TTg, Kết luận 01-KL/TW: 20,2% (47/233) 0,5%/năm")]
    assert "1478/QĐ-TTg" in tokens and "01-KL/TW" in tokens and "47/233" in tokens
    assert tokens[tokens.index("20,2") + 1] == "%"


def test_norm_ignores_case_and_tone_mark_placement():
    doc = load()("Bằng khen của Chủ tịch Uỷ ban nhân dân tỉnh")
    labels = {(s.label_, s.id_) for s in doc.spans[LEX_KEY]}
    assert ("AWARD", "Bằng khen cấp bộ, ban, ngành, tỉnh") in labels
