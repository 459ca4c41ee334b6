"""Differences shown between two texts."""
from tms.web.diffing import diff_html


def test_words_and_cjk_characters_are_compared_and_escaped():
    assert diff_html("The ministers met.", "The ministers met <b>.") == "The ministers met<ins> &lt;b&gt;</ins>."
    assert diff_html("日韓が合意", "日韓が一致") == "日韓が<del>合意</del><ins>一致</ins>"
    assert diff_html("", "new") == "<ins>new</ins>"
    assert diff_html("same", "same") == "same"
