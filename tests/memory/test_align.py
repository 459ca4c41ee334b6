"""The sentence aligner: one-to-one runs, merges, splits and omissions on either side, and anchors."""
from __future__ import annotations

from tms.memory.align import _pooled_ratio, align

KO = ["외교부는 2026년 3월 27일 서울에서 제3차 한-아세안 디지털 협력 회의를 개최했다.",
      "이번 회의에는 아세안 10개국 대표단 45명이 참석했다.",
      "양측은 디지털 인프라와 사이버 안보 분야의 협력 방안을 논의했다.",
      "김민수 차관은 개회사에서 \"디지털 전환은 우리 모두의 과제\"라고 강조했다.",
      "그는 한국이 2027년까지 아세안에 3억 달러를 지원할 계획이라고 밝혔다.",
      "참석자들은 AI 윤리 원칙에 대해서도 의견을 교환했다.",
      "양측은 다음 회의를 2028년 자카르타에서 열기로 합의했다."]
EN = ["The Ministry of Foreign Affairs hosted the 3rd Korea-ASEAN Digital Cooperation Meeting in Seoul on "
      "March 27, 2026.",
      "It was attended by 45 delegates from the 10 ASEAN member states.",
      "The two sides discussed ways to cooperate on digital infrastructure and cyber security.",
      "In his opening remarks, Vice Minister Kim Min-su stressed that \"the digital transition is a task for all "
      "of us.\"",
      "He announced that Korea plans to provide 300 million dollars to ASEAN by 2027.",
      "The participants also exchanged views on principles of AI ethics.",
      "The two sides agreed to hold the next meeting in Jakarta in 2028."]


def _pairs(beads):
    return [(b.source, b.target) for b in beads]


def test_a_faithful_translation_aligns_one_to_one_with_high_confidence():
    beads = align(KO, EN)
    assert _pairs(beads) == [((i,), (i,)) for i in range(len(KO))]
    assert all(b.is_one_to_one and b.confidence > 0.5 for b in beads)


def test_two_sentences_merged_in_the_translation():
    merged = EN[:1] + [EN[1] + " " + EN[2]] + EN[3:]
    assert _pairs(align(KO, merged)) == [((0,), (0,)), ((1, 2), (1,)), ((3,), (2,)), ((4,), (3,)), ((5,), (4,)),
                                         ((6,), (5,))]


def test_one_sentence_split_in_the_translation():
    split = EN[:4] + ["He announced a plan.", "Korea will provide 300 million dollars to ASEAN by 2027."] + EN[5:]
    assert _pairs(align(KO, split))[4] == ((4,), (4, 5))
    assert _pairs(align(KO, split))[-1] == ((6,), (7,))


def test_a_sentence_left_out_of_the_translation_is_aligned_with_nothing():
    shorter = EN[:2] + EN[3:]
    beads = align(KO, shorter)
    assert ((2,), ()) in _pairs(beads)
    assert [p for p in _pairs(beads) if p[0] and p[1]] == [((0,), (0,)), ((1,), (1,)), ((3,), (2,)), ((4,), (3,)),
                                                          ((5,), (4,)), ((6,), (5,))]
    assert next(b for b in beads if b.source == (2,)).confidence == 0.0


def test_a_sentence_added_in_the_translation_is_aligned_with_nothing():
    longer = EN[:2] + ["The meeting was held for the third time since 2024."] + EN[2:]
    pairs = _pairs(align(KO, longer))
    assert ((), (2,)) in pairs and ((2,), (3,)) in pairs and ((6,), (7,)) in pairs


def test_anchors_decide_where_lengths_cannot():
    # Two sentences of the same length either way: only the numbers tell which is which.
    source = ["회의는 2019년에 시작됐다.", "회의는 2023년에 끝났다.", "대표단은 12명이었다."]
    target = ["The talks ended in 2023.", "There were 12 delegates."]
    assert _pairs(align(source, target)) == [((0,), ()), ((1,), (0,)), ((2,), (1,))]


def test_names_in_two_scripts_decide_where_lengths_cannot():
    # Korean against Russian: no number, no Latin word; only the names, spelled by sound in each script.
    # By length alone the first two Korean sentences are interchangeable, and the last one is left out.
    source = ["클린턴은 어제 오후 긴 연설을 했다.", "트럼프는 어제 큰 집회를 열었다.", "슐만이 글을 썼다."]
    target = ["Вчера Трамп провёл большой митинг.", "Пост написала Шульман."]
    assert _pairs(align(source, target)) == [((0,), ()), ((1,), (0,)), ((2,), (1,))]


def test_an_empty_side_leaves_every_sentence_alone():
    assert _pairs(align(KO[:2], [])) == [((0,), ()), ((1,), ())]
    assert align([], []) == []


def test_a_short_article_s_own_length_ratio_is_drawn_toward_one():
    # The script weights make a translation about as long as its original; a few pairs move that
    # expectation less than many do, so one reworded sentence in a short article cannot skew the ratio.
    few, many = _pooled_ratio(1.6, 3), _pooled_ratio(1.6, 300)
    assert 1.0 < few < 1.3
    assert 1.55 < many < 1.6
    assert _pooled_ratio(1.0, 3) == 1.0
    assert _pooled_ratio(0.6, 3) > 0.6
