from bpu_desktop.domain.contributions import SECTORS
from bpu_desktop.domain.segments import Segment, default_segments, find_segment, segment_matches

EXPECTED_CODES = [
    "umkm",
    "ojol",
    "supeltas",
    "pedagang_pasar",
    "petani",
    "buruh_tani_tembakau",
    "nelayan",
    "buruh_harian_lepas",
    "juru_parkir",
    "kuli_angkut",
    "pemulung",
    "pekerja_rumah_tangga",
    "sopir_kurir",
    "pekerja_keagamaan_sosial",
    "seniman_pekerja_lepas",
]


def test_all_occupations_of_the_brief_are_there():
    assert [s.code for s in default_segments()] == EXPECTED_CODES


def test_drivers_are_transport_and_the_rest_not():
    transport = {s.code for s in default_segments() if s.sector == "transport"}
    assert transport == {"ojol", "sopir_kurir"}
    assert all(s.sector in SECTORS for s in default_segments())


def test_names_are_indonesian_and_unique():
    names = [s.name for s in default_segments()]
    assert len(set(names)) == len(names)
    assert Segment("ojol", "Ojek online", "transport") in default_segments()


def test_find_by_code_or_name_ignoring_case():
    segments = default_segments()
    assert find_segment("OJOL", segments) == Segment("ojol", "Ojek online", "transport")
    assert find_segment("  ojek   ONLINE ", segments) == Segment("ojol", "Ojek online", "transport")
    assert find_segment("astronaut", segments) is None
    assert find_segment("", segments) is None


def _names(text: str) -> list[str]:
    return [s.name for s in segment_matches(text, default_segments())]


def test_what_officers_type_finds_the_one_segment_it_means():
    segments = default_segments()
    for typed, code in [("pedagang", "pedagang_pasar"), ("PEDAGANG", "pedagang_pasar"),
                        ("Pedagang_pasar", "pedagang_pasar"), ("ojek", "ojol"),
                        ("porter", "kuli_angkut"), ("Kuli angkut/porter", "kuli_angkut"),
                        ("kurir", "sopir_kurir"), ("parkir", "juru_parkir"),
                        ("usaha mikro", "umkm"), ("Petani", "petani"),
                        ("pekerja rumah", "pekerja_rumah_tangga"),
                        ("PRT", "pekerja_rumah_tangga"), ("bhl", "buruh_harian_lepas")]:
        found = find_segment(typed, segments)
        assert found is not None and found.code == code, typed


def test_ambiguous_text_lists_every_segment_it_could_mean():
    assert _names("buruh") == ["Buruh tani tembakau", "Buruh harian lepas"]
    assert _names("tani") == ["Petani", "Buruh tani tembakau"]  # not quietly the second
    assert _names("pekerja") == ["Pemulung / pekerja bank sampah", "Pekerja rumah tangga",
                                 "Pekerja keagamaan / sosial", "Seniman / pekerja lepas"]
    assert find_segment("buruh", default_segments()) is None


def test_too_little_or_unknown_text_names_nothing():
    assert _names("pe") == [] and _names("x") == [] and _names("pedagang kaki lima") == []
    # Fragments of words name nothing: only whole words of four letters or more count.
    for fragment in ("ped", "peda", "kir", "man", "ang", "sop"):
        assert _names(fragment) == [], fragment
