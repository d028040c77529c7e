from bpu_desktop.domain.contributions import SECTORS
from bpu_desktop.domain.segments import Segment, default_segments, find_segment

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
