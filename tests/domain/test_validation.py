import re
from dataclasses import replace
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bpu_desktop.domain.reference import Rates
from bpu_desktop.domain.regions import default_kelurahan, kecamatan_list
from bpu_desktop.domain.segments import default_segments
from bpu_desktop.domain.validation import (
    FIELD_LABELS,
    NO_PHONE_WARNING,
    EnrolmentInput,
    check_income,
    check_start_month,
    clean_name,
    likely_village,
    validate_enrolment,
    villages_near,
)

TODAY = date(2026, 11, 24)

GOOD = EnrolmentInput(
    nik="3372 0117 0585 0001",
    name="  BUDI   SANTOSO ",
    phone="+62 812-3456-7890",
    kecamatan="laweyan",
    kelurahan="PAJANG",
    address="  Jl. Slamet Riyadi   12 ",
    segment="ojol",
    income="Rp 1.000.000",
    with_jht=True,
    funding="Mandiri",
    months_paid="3",
    start_month="12/2026",
    enrolled_on="24/11/2026",
)


def kelurahan_by_kecamatan():
    found: dict[str, list[str]] = {}
    for k in default_kelurahan():
        found.setdefault(k.kecamatan_code, []).append(k.name)
    return found


def check(raw, rates=None):
    return validate_enrolment(
        raw,
        segments=default_segments(),
        kelurahan_by_kecamatan=kelurahan_by_kecamatan(),
        kecamatan=kecamatan_list(),
        rates=rates or Rates.default(),
        today=TODAY,
    )


def test_a_good_enrolment_is_cleaned():
    result = check(GOOD)
    assert result.errors == {}
    assert result.ok
    value = result.value
    assert value is not None
    assert value.nik.value == "3372011705850001"
    assert value.name == "Budi Santoso"
    assert value.phone == "081234567890"
    assert (value.kecamatan_code, value.kelurahan) == ("33.72.01", "Pajang")
    assert value.address == "Jl. Slamet Riyadi 12"
    assert (value.segment, value.sector) == ("ojol", "transport")
    assert (value.income, value.with_jht, value.funding) == (1_000_000, True, "self")
    assert (value.months_paid, value.start_month) == (3, date(2026, 12, 1))
    assert value.enrolled_on == TODAY
    assert value.paid_until == date(2027, 2, 1)
    assert (value.kpj, value.event_id, value.sponsorship_id) == (None, None, None)
    # transport is discounted until March 2027: 28,400 a month with JHT
    assert value.contribution.total == 3 * 28_400
    assert result.warnings == {}


def test_every_field_error_is_reported_at_once():
    raw = EnrolmentInput(
        nik="337201170585001",
        name="",
        phone="0274 123456",
        kecamatan="Kartasura",
        kelurahan="",
        address="x" * 201,
        segment="astronaut",
        income="0",
        with_jht="mungkin",
        funding="zakat",
        months_paid="2",
        start_month="13/2026",
        enrolled_on="25/11/2026",
        kpj="123456789",
    )
    result = check(raw)
    assert result.value is None
    assert result.errors == {
        "nik": "NIK harus 16 digit (tertulis 15).",
        "name": "Nama wajib diisi.",
        "phone": "Nomor HP harus nomor seluler yang diawali 08 atau +62 8.",
        "kecamatan": "Kecamatan 'Kartasura' tidak dikenal.",
        "kelurahan": "Kelurahan wajib diisi.",
        "address": "Alamat terlalu panjang (maksimal 200 huruf).",
        "segment": "Pekerjaan 'astronaut' tidak dikenal.",
        "income": "Penghasilan harus lebih dari Rp 0.",
        "with_jht": "Ikut JHT harus Ya atau Tidak.",
        "funding": "Sumber dana 'zakat' tidak dikenal (pilih Mandiri, Sponsor/CSR, APBN, APBD).",
        "months_paid": "Bulan dibayar harus 1, 3, 6 atau 12.",
        "start_month": "Bulan '13/2026' tidak ada.",
        "enrolled_on": "Tanggal daftar tidak boleh setelah hari ini.",
        "kpj": "Nomor KPJ harus 11 digit (tertulis 9).",
    }
    assert set(result.errors) <= set(FIELD_LABELS)


def test_age_over_the_limit_is_flagged_on_the_nik():
    # born 17 May 1959: 67 on the enrolment day
    result = check(replace(GOOD, nik="3372011705590001"))
    assert result.errors == {"nik": "Umur 67 tahun melebihi batas pendaftaran 65 tahun."}


def test_age_limit_is_a_setting_and_counts_on_the_enrolment_date():
    d = Rates.default().to_dict()
    d["max_registration_age"] = 56
    rates = Rates.from_dict(d)
    # born 24 Nov 1970: 55 on 23 Nov 2026, 56 on 24 Nov 2026
    assert check(replace(GOOD, nik="3372012411700001", enrolled_on="23/11/2026"), rates).ok
    assert check(replace(GOOD, nik="3372012411700001"), rates).ok
    over = check(replace(GOOD, nik="3372012411690001"), rates)
    assert over.errors == {"nik": "Umur 57 tahun melebihi batas pendaftaran 56 tahun."}


def test_too_young():
    result = check(replace(GOOD, nik="3372015505120001"))  # a girl born 15 May 2012
    assert result.errors == {"nik": "Umur 14 tahun di bawah batas pendaftaran 15 tahun."}


def test_kelurahan_must_be_in_the_kecamatan():
    result = check(replace(GOOD, kelurahan="Kampung Entah"))
    assert result.errors == {"kelurahan": "Kelurahan tidak ada di Kecamatan Laweyan."}


def test_a_solo_kelurahan_under_the_wrong_kecamatan_says_where_it_is():
    result = check(replace(GOOD, kelurahan="kel. manahan"))  # Manahan is in Banjarsari
    assert result.errors == {"kelurahan": "Manahan ada di Kecamatan Banjarsari, bukan Laweyan."}
    result = check(replace(GOOD, kecamatan="Jebres", kelurahan="Kerten"))
    assert result.errors == {"kelurahan": "Kerten ada di Kecamatan Laweyan, bukan Jebres."}


@pytest.mark.parametrize(("kecamatan", "typed", "likely"), [
    ("Laweyan", "Pajng", "Pajang"),            # one letter dropped
    ("Laweyan", "Laweyn", "Laweyan"),
    ("Laweyan", "Kel. Sriwedary", "Sriwedari"),  # one changed, "Kel." in front
    ("Serengan", "KRATONAM", "Kratonan"),      # typed in capitals
    ("Jebres", "Pucang Sawit", "Pucangsawit"),  # a space
    ("Pasar Kliwon", "Baluwrati", "Baluwarti"),  # two swapped
])
def test_a_solo_kelurahan_one_letter_off_names_the_likely_one(kecamatan, typed, likely):
    result = check(replace(GOOD, kecamatan=kecamatan, kelurahan=typed))
    name = typed.removeprefix("Kel. ")
    assert result.errors == {"kelurahan": (
        f"Kelurahan '{name}' tidak ada di Kecamatan {kecamatan}; mungkin maksudnya "
        f"'{likely}'? Perbaiki ejaannya.")}


def test_a_solo_typo_of_another_kecamatans_kelurahan_gets_no_guess():
    # Kerten is Laweyan's; "Kertn" under Jebres is neither listed there nor a letter off
    # one of Jebres's kelurahan. Spelled right, it is named where it is (above).
    result = check(replace(GOOD, kecamatan="Jebres", kelurahan="Kertn"))
    assert result.errors == {"kelurahan": "Kelurahan tidak ada di Kecamatan Jebres."}


@pytest.mark.parametrize(("typed", "listed", "same"), [
    ("sumberagong", "sumberagung", True),    # one letter changed
    ("sumberagun", "sumberagung", True),     # one dropped
    ("sumberragung", "sumberagung", True),   # one added
    ("sumbreagung", "sumberagung", True),    # two swapped
    ("sumber agung", "sumberagung", True),   # a space
    ("sumber-agung", "sumberagung", True),
    ("sumbersari", "sumberagung", False),
    ("ngadirojo lor", "ngadirojo kidul", False),
    ("gedong", "joho", False),
])
def test_villages_near(typed: str, listed: str, same: bool):
    assert villages_near(typed, listed) is same and villages_near(listed, typed) is same


def test_the_likely_village_of_a_typo_as_the_desk_may_ask_while_typing():
    listed = ["Kepatihan Kulon", "Kepatihan Wetan", "Sewu", "Jebres"]
    assert likely_village("kel. kepatihan wetn", listed) == "Kepatihan Wetan"
    assert likely_village("Seuw", listed) == "Sewu"
    assert likely_village("Mojosongo", listed) is None


def test_a_wonogiri_desa_listed_under_another_kecamatan_is_named():
    villages = kelurahan_by_kecamatan() | {"33.12.11": ["Jaten"], "33.12.12": ["Giriwono"]}

    def wonogiri(kecamatan, kelurahan):
        return validate_enrolment(
            replace(GOOD, kecamatan=kecamatan, kelurahan=kelurahan),
            segments=default_segments(), kelurahan_by_kecamatan=villages,
            kecamatan=kecamatan_list(), rates=Rates.default(), today=TODAY).errors

    assert wonogiri("Wonogiri", "Jaten") == {"kelurahan": (
        "Kelurahan tidak ada di Kecamatan Wonogiri. “Jaten” sudah ada di daftar Kecamatan "
        "Selogiri.")}
    assert wonogiri("Manyaran", "desa jaten") == {"kelurahan": (
        "Belum ada kelurahan/desa terdaftar di Kecamatan Manyaran; desa yang diketik "
        "ditambahkan ke daftar saat disimpan. “Jaten” sudah ada di daftar Kecamatan "
        "Selogiri.")}


def test_a_wonogiri_desa_one_letter_off_a_listed_one_names_the_likely_one():
    """The rule the desk and the import share: "Jatem" beside Selogiri's "Jaten"."""
    villages = kelurahan_by_kecamatan() | {"33.12.11": ["Jaten"]}
    result = validate_enrolment(
        replace(GOOD, kecamatan="Selogiri", kelurahan="Jatem"), segments=default_segments(),
        kelurahan_by_kecamatan=villages, kecamatan=kecamatan_list(), rates=Rates.default(),
        today=TODAY)
    assert result.errors == {"kelurahan": (
        "Desa 'Jatem' belum terdaftar di Kecamatan Selogiri; mungkin maksudnya 'Jaten'? "
        "Perbaiki ejaannya (bila memang desa lain, tambahkan dulu lewat formulir "
        "Pendaftaran).")}


def test_kecamatan_by_code_and_kelurahan_with_prefix():
    result = check(replace(GOOD, kecamatan="33.72.05", kelurahan="kel. banjarsari"))
    assert result.value is not None
    assert (result.value.kecamatan_code, result.value.kelurahan) == ("33.72.05", "Banjarsari")


def test_wonogiri_without_villages_asks_to_add_them_first():
    result = check(replace(GOOD, kecamatan="Selogiri", kelurahan="Jaten"))
    assert result.errors == {
        "kelurahan": "Belum ada kelurahan/desa terdaftar di Kecamatan Selogiri; "
        "desa yang diketik ditambahkan ke daftar saat disimpan."
    }


def test_village_added_by_users_is_accepted():
    villages = kelurahan_by_kecamatan() | {"33.12.11": ["Jaten"]}
    result = validate_enrolment(
        replace(GOOD, kecamatan="Selogiri", kelurahan="desa jaten"),
        segments=default_segments(),
        kelurahan_by_kecamatan=villages,
        kecamatan=kecamatan_list(),
        rates=Rates.default(),
        today=TODAY,
    )
    assert result.value is not None
    assert result.value.kelurahan == "Jaten"


@pytest.mark.parametrize(
    ("kpj", "expected"),
    [("", None), ("123 4567 8901", "12345678901"), (12345678901, "12345678901")],
)
def test_kpj_is_optional_with_11_digits(kpj, expected):
    result = check(replace(GOOD, kpj=kpj))
    assert result.value is not None
    assert result.value.kpj == expected


def test_kpj_non_digits():
    assert check(replace(GOOD, kpj="KPJ-123")).errors == {
        "kpj": "Nomor KPJ hanya boleh berisi angka."
    }


def test_values_as_read_from_excel():
    raw = replace(
        GOOD,
        nik=3372011705850001,
        phone=81234567890.0,
        income=1500000.0,
        with_jht="Tidak",
        funding="apbd",
        months_paid=6.0,
        start_month="2027-01",
        enrolled_on="2026-11-20",
        segment="Pedagang pasar",
    )
    result = check(raw)
    assert result.errors == {}
    value = result.value
    assert value is not None
    assert value.phone == "081234567890"
    assert (value.income, value.with_jht, value.months_paid) == (1_500_000, False, 6)
    assert value.segment == "pedagang_pasar"
    assert value.contribution.discount == 0  # APBD is never discounted
    assert value.contribution.total == 6 * (15_000 + 6_800)


def test_untrustworthy_float_nik_from_excel():
    result = check(replace(GOOD, nik=3372011705850010.0))
    assert result.errors["nik"].startswith("NIK tersimpan sebagai angka")


def test_warnings_do_not_block():
    result = check(
        replace(GOOD, income="750 rb", funding="Sponsor/CSR", start_month="10/2026")
    )
    assert result.errors == {}
    assert result.value is not None
    assert result.warnings == {
        "income": "Penghasilan di bawah Rp 1.000.000; iuran JKK dan JHT tetap dihitung dari "
                  "Rp 1.000.000.",
        "sponsorship_id": "Sumber dana Sponsor/CSR, tetapi sponsornya belum dipilih.",
        "start_month": "Bulan mulai (Oktober 2026) lebih awal dari bulan pendaftaran.",
    }


@pytest.mark.parametrize("phone", ["", "   ", "-", " -- ", "\u2014", "..."])
def test_no_phone_is_allowed_with_a_warning_for_the_officer(phone):
    """Partners' lists and elderly workers often have no number: kept as '', and the
    officer is told what that costs (no reminder when the contribution is late)."""
    result = check(replace(GOOD, phone=phone))
    assert result.errors == {}
    assert result.value is not None and result.value.phone == ""
    assert result.warnings == {"phone": NO_PHONE_WARNING}
    assert NO_PHONE_WARNING == "Tanpa nomor HP: peserta sulit dihubungi bila iurannya menunggak."


def test_the_no_phone_warning_comes_first_and_beside_other_warnings_and_errors():
    result = check(replace(GOOD, phone="", income="750 rb", name=""))
    assert result.errors == {"name": "Nama wajib diisi."}
    assert list(result.warnings) == ["phone", "income"]


@pytest.mark.parametrize(("phone", "message"), [
    ("0812", "Nomor HP harus 10 sampai 13 digit (tertulis 4)."),
    ("-0812-", "Nomor HP harus 10 sampai 13 digit (tertulis 4)."),
    ("tidak ada", "Nomor HP hanya boleh berisi angka (boleh diawali +62)."),
    (0.0, "Nomor HP harus nomor seluler yang diawali 08 atau +62 8."),
])
def test_a_phone_given_but_malformed_is_still_an_error(phone, message):
    result = check(replace(GOOD, phone=phone))
    assert result.errors == {"phone": message}
    assert "phone" not in result.warnings


def test_an_implausibly_high_income_is_a_warning_not_an_error():
    result = check(replace(GOOD, income="150.000.000"))
    assert result.errors == {}
    assert result.value is not None and result.value.income == 150_000_000
    assert result.warnings == {
        "income": "Penghasilan Rp 150.000.000 per bulan — periksa lagi jumlah nolnya."
    }


def test_the_top_bracket_nominal_itself_is_plausible():
    rates = Rates.default()
    top = rates.jkk_brackets[-1].nominal
    assert top == 20_700_000
    assert check_income(top, rates).warning == ""
    assert check_income(top + 1, rates).warning.startswith("Penghasilan Rp 20.700.001 per bulan")


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("", "Penghasilan wajib diisi."),
        ("   ", "Penghasilan wajib diisi."),
        ("-500.000", "Penghasilan tidak boleh negatif."),
        ("0", "Penghasilan harus lebih dari Rp 0."),
    ],
)
def test_income_errors_name_the_field(typed, message):
    assert check_income(typed, Rates.default()).error == message
    assert check(replace(GOOD, income=typed)).errors["income"] == message


def test_start_month_too_far_ahead():
    result = check(replace(GOOD, start_month="12/2027"))
    assert result.errors == {
        "start_month": "Bulan mulai paling lambat 12 bulan setelah tanggal daftar."
    }


@pytest.mark.parametrize("start", ["11/2026", "10/2026", "09/2026"])
def test_a_start_up_to_two_months_before_the_enrolment_month_is_allowed(start):
    result = check(replace(GOOD, start_month=start))
    assert result.errors == {}
    assert result.value is not None
    if start != "11/2026":
        assert result.warnings["start_month"].endswith("lebih awal dari bulan pendaftaran.")


@pytest.mark.parametrize("start", ["08/2026", "01/2020", date(2020, 1, 1)])
def test_a_start_three_months_or_more_back_is_refused(start):
    """Three unpaid months make a membership inactive: a start that far back would make a
    new member inactive on the day of enrolment (and charge past months' rates)."""
    result = check(replace(GOOD, start_month=start))
    assert result.value is None
    assert result.errors == {"start_month": (
        "Bulan mulai paling awal September 2026, 2 bulan sebelum bulan daftar "
        "(tunggakan 3 bulan membuat kepesertaan nonaktif).")}


def test_how_far_back_a_start_may_be_follows_the_inactive_setting():
    rates = replace(Rates.default(), inactive_after_unpaid_months=6)
    assert check(replace(GOOD, start_month="06/2026"), rates).ok
    assert check(replace(GOOD, start_month="05/2026"), rates).errors["start_month"] == (
        "Bulan mulai paling awal Juni 2026, 5 bulan sebelum bulan daftar "
        "(tunggakan 6 bulan membuat kepesertaan nonaktif).")
    strict = replace(Rates.default(), inactive_after_unpaid_months=1)
    assert check(replace(GOOD, start_month="10/2026"), strict).errors["start_month"] == (
        "Bulan mulai paling awal November 2026, bulan daftar "
        "(tunggakan 1 bulan membuat kepesertaan nonaktif).")


def test_the_start_month_rule_alone_as_the_form_checks_it_while_typing():
    rates = Rates.default()
    enrolled = date(2026, 11, 24)
    assert check_start_month(date(2026, 12, 1), enrolled, rates).error == ""
    assert check_start_month(date(2020, 1, 1), enrolled, rates).error.startswith(
        "Bulan mulai paling awal September 2026")
    assert check_start_month(date(2027, 12, 1), enrolled, rates).error == (
        "Bulan mulai paling lambat 12 bulan setelah tanggal daftar.")
    assert check_start_month(date(2026, 10, 1), enrolled, rates).warning == (
        "Bulan mulai (Oktober 2026) lebih awal dari bulan pendaftaran.")


def test_start_month_and_enrolled_on_as_dates():
    result = check(replace(GOOD, start_month=date(2026, 12, 9), enrolled_on=date(2026, 11, 1)))
    assert result.value is not None
    assert result.value.start_month == date(2026, 12, 1)
    assert result.value.enrolled_on == date(2026, 11, 1)


def test_links_are_kept():
    result = check(replace(GOOD, funding="sponsor", event_id="ev-1", sponsorship_id="sp-1"))
    assert result.value is not None
    assert (result.value.event_id, result.value.sponsorship_id) == ("ev-1", "sp-1")
    assert result.warnings == {}


@pytest.mark.parametrize(
    ("typed", "cleaned"),
    [
        ("SITI NUR'AINI", "Siti Nur'aini"),
        ("  siti   aminah ", "Siti Aminah"),
        ("ahmad al-farizi", "Ahmad Al-Farizi"),
        ("H. MUHAMMAD", "H. Muhammad"),
        ("Dewi McKenzie", "Dewi McKenzie"),
    ],
)
def test_clean_name(typed, cleaned):
    assert clean_name(typed) == cleaned


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("Budi 2", "Nama tidak boleh berisi angka."),
        ("Budi@Santoso", "Nama berisi tanda yang tidak lazim: '@'."),
        ("B", "Nama terlalu pendek."),
        ("...", "Nama wajib diisi."),
        ("a" * 101, "Nama terlalu panjang (maksimal 100 huruf)."),
    ],
)
def test_bad_names(name, message):
    assert check(replace(GOOD, name=name)).errors == {"name": message}


def test_field_labels_are_indonesian_for_every_input_field():
    assert set(FIELD_LABELS) == set(EnrolmentInput.__dataclass_fields__)
    assert FIELD_LABELS["name"] == "Nama"
    assert FIELD_LABELS["phone"] == "Nomor HP"


@pytest.mark.parametrize(("typed", "cleaned"), [
    ("siti AMINAH", "Siti Aminah"),
    ("BUDI santoso", "Budi Santoso"),
    ("budi SANTOSO", "Budi Santoso"),
    ("sITI aminah", "Siti Aminah"),
    ("Siti  AMINAH", "Siti Aminah"),
    ("ahmad AL-FARIZI", "Ahmad Al-Farizi"),
    ("siti Nur'AINI", "Siti Nur'aini"),
    ("dr. Rina S.Pd", "dr. Rina S.Pd"),
    ("H. budi", "H. Budi"),
    ("BUDI S.", "Budi S."),
    ("Budi Santoso SH", "Budi Santoso SH"),
    ("rina WATI S.Pd", "Rina Wati S.Pd"),
    ("Dewi McKenzie", "Dewi McKenzie"),
    ("dewi McKenzie", "Dewi McKenzie"),
    ("Budi Santoso", "Budi Santoso"),
])
def test_clean_name_capitalises_a_mixed_case_name_word_by_word(typed, cleaned):
    assert clean_name(typed) == cleaned


@given(st.text(alphabet="abcdeABCDE .-'", max_size=30))
def test_clean_name_is_stable_and_leaves_no_word_shouting_or_small(typed):
    cleaned = clean_name(typed)
    assert clean_name(cleaned) == cleaned
    assert cleaned.casefold() == " ".join(typed.split()).casefold()
    for word in cleaned.split():
        if "." in word or word in {"SE", "SS"}:
            continue  # abbreviations and degrees are kept as typed
        assert not word[0].isalpha() or word[0].isupper(), cleaned
        for part in re.split(r"[-']", word):
            if sum(c.isalpha() for c in part) > 1:
                assert not part.isupper(), cleaned


def test_contribution_follows_edited_rates_on_repeated_input():
    """Contributions are remembered per distinct input; the rates are part of that input."""
    first = check(GOOD).value
    again = check(GOOD).value
    assert first is not None and again is not None
    assert again.contribution == first.contribution
    dearer = check(GOOD, replace(Rates.default(), jkm=Rates.default().jkm + 1000)).value
    assert dearer is not None
    assert dearer.contribution.jkm == first.contribution.jkm + 3 * 1000


def test_odd_name_character_is_named():
    assert check(replace(GOOD, name="Budi @Santoso")).errors["name"] == (
        "Nama berisi tanda yang tidak lazim: '@'.")
    assert check(replace(GOOD, name="Ni Luh Putu Ayu-Dewi, S.Pd.")).value is not None


def test_birth_date_and_sex_are_checked_against_the_nik():
    # GOOD's NIK encodes a man born 17/05/1985.
    assert check(replace(GOOD, birth_date=date(1985, 5, 17), sex="laki-laki")).ok
    assert check(replace(GOOD, birth_date="17/05/1940")).errors == {"birth_date": (
        "Tanggal lahir di kolom (17/05/1940) berbeda dengan tanggal lahir di NIK "
        "(17/05/1985); periksa NIK.")}
    assert check(replace(GOOD, sex="X")).errors == {
        "sex": "Jenis kelamin 'X' tidak dikenal (isi L atau P)."}


def test_an_occupation_typed_short_is_found_or_its_choices_listed():
    ok = check(replace(GOOD, segment="pedagang"))
    assert ok.value is not None and ok.value.segment == "pedagang_pasar"
    ambiguous = check(replace(GOOD, segment="buruh"))
    assert ambiguous.errors == {"segment": "Pekerjaan 'buruh' bisa berarti beberapa pekerjaan: "
                                           "Buruh tani tembakau, Buruh harian lepas. "
                                           "Tulis lebih lengkap."}
