"""Word diffs of a segment's previous and new source."""
from tms.services.textdiff import word_diff


def test_words_added_removed_and_kept():
    assert word_diff("They agreed on trade.", "They agreed on trade and energy.") == [
        ("same", "They agreed on trade"), ("inserted", " and energy"), ("same", ".")]
    assert word_diff("Same text.", "Same text.") == [("same", "Same text.")]


def test_unspaced_scripts_differ_by_character():
    assert word_diff("両大臣は会談した。", "両首相は会談した。") == [
        ("same", "両"), ("deleted", "大臣"), ("inserted", "首相"), ("same", "は会談した。")]
