"""Merging a changed template into a catalog never loses a translation."""
from __future__ import annotations

from tms.model import Approval, Catalog, Certification, Location, MachineInfo, PublicationStatus, Role, SegmentState, Unit
from tms.services.merging import merge_catalog, new_catalog


def template(*sources: str) -> Catalog:
    units = [Unit(s, location=Location(Role.PARAGRAPH, i + 1), references=[f"originals/a.md:{i + 5}"])
             for i, s in enumerate(sources)]
    return Catalog("a", None, "en", units, {"X-Source-Language": "en", "POT-Creation-Date": "2026-11-23 10:00+0000"})


def translated(tpl: Catalog, targets: dict[str, tuple[str, SegmentState]]) -> Catalog:
    catalog = new_catalog(tpl, "fr")
    for unit in catalog.units:
        if unit.source in targets:
            unit.target, unit.state = targets[unit.source]
            if unit.state is SegmentState.APPROVED:
                unit.approval = Approval("rita", "2026-11-23")
            if unit.state is SegmentState.MACHINE:
                unit.machine = MachineInfo("memory", unit.target)
    return catalog


def test_unchanged_edited_removed_and_new_segments():
    old_tpl = template("The minister met his counterpart on Monday.", "Talks focused on sanctions.",
                       "The statement was adopted.")
    old = translated(old_tpl, {
        "The minister met his counterpart on Monday.": ("Le ministre a rencontré son homologue lundi.",
                                                        SegmentState.APPROVED),
        "Talks focused on sanctions.": ("Les entretiens ont porté sur les sanctions.", SegmentState.TRANSLATED),
        "The statement was adopted.": ("La déclaration a été adoptée.", SegmentState.MACHINE),
    })
    new_tpl = template("The minister met his counterpart on Monday.", "Talks focused on new sanctions.",
                       "A brand-new closing sentence about something else entirely.")
    merged, report = merge_catalog(old, new_tpl)
    active = merged.active_units()
    assert [u.source for u in active] == [u.source for u in new_tpl.units]
    kept, edited, new = active
    assert (kept.target, kept.state, kept.approval.by) == ("Le ministre a rencontré son homologue lundi.",
                                                          SegmentState.APPROVED, "rita")
    assert edited.target == "Les entretiens ont porté sur les sanctions."
    assert edited.state is SegmentState.NEEDS_EDITING
    assert edited.previous_source == "Talks focused on sanctions."
    assert new.target == "" and new.state is SegmentState.UNTRANSLATED
    gone = [u for u in merged.units if u.is_obsolete]
    assert [(u.source, u.target) for u in gone] == [("The statement was adopted.", "La déclaration a été adoptée.")]
    assert (report.kept, report.fuzzy, report.new, report.obsoleted) == (1, 1, 1, 1)
    assert kept.references == ["originals/a.md:5"] and kept.location.block == 1


def test_obsolete_translation_returns_with_its_source():
    first = template("One sentence here.", "Another sentence there.")
    catalog = translated(first, {"Another sentence there.": ("Une autre phrase.", SegmentState.TRANSLATED)})
    without, _ = merge_catalog(catalog, template("One sentence here."))
    assert [u.source for u in without.units if u.is_obsolete] == ["Another sentence there."]
    back, report = merge_catalog(without, first)
    assert back.active_units()[1].target == "Une autre phrase."
    assert back.active_units()[1].state is SegmentState.TRANSLATED
    assert report.revived == 1 and not any(u.is_obsolete for u in back.units)


def test_untranslated_removed_segments_are_dropped_and_headers_kept():
    old = translated(template("Kept.", "Dropped and never translated."), {})
    old.headers["Last-Translator"] = "Rita <rita@example.org>"
    new_tpl = template("Kept.")
    new_tpl.headers["POT-Creation-Date"] = "2026-12-01 09:00+0000"
    merged, _ = merge_catalog(old, new_tpl)
    assert [u.source for u in merged.units] == ["Kept."]
    assert merged.headers["Last-Translator"] == "Rita <rita@example.org>"
    assert merged.headers["POT-Creation-Date"] == "2026-12-01 09:00+0000"
    assert merged.headers["Language"] == "fr"


def test_certified_catalog_returns_to_unofficial_when_the_article_changes():
    tpl = template("First.", "Second.")
    catalog = translated(tpl, {"First.": ("Premier.", SegmentState.APPROVED), "Second.": ("Deuxième.", SegmentState.APPROVED)})
    catalog.certification = Certification("amy", "2026-11-23", catalog.translations_digest())
    assert catalog.publication is PublicationStatus.OFFICIAL
    same, _ = merge_catalog(catalog, tpl)
    assert same.publication is PublicationStatus.OFFICIAL
    changed, _ = merge_catalog(catalog, template("First.", "Second, edited."))
    assert changed.publication is PublicationStatus.DRAFT
