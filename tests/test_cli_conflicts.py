"""`bpu merge` / `bpu conflicts` speak the supervisor's words: table labels, kecamatan
names, '-' for nothing, the CLI's own decision words, 'already resolved'."""

from __future__ import annotations

import pytest

from bpu_desktop.cli import main
from bpu_desktop.store.database import open_store

from .store.conflict_helpers import branch_with_conflicts
from .store.merge_helpers import NIK_A, enrol, officer_file, snapshot, two_officers


@pytest.fixture
def files(tmp_path):
    return two_officers(tmp_path, kecamatan="Laweyan", kelurahan="Pajang")


def _merge(files, *names):
    return main(["merge", "--into", str(files / "cabang.db"), *(str(files / n) for n in names)])


def test_preview_shows_indonesian_table_labels(files, capsys):
    assert _merge(files, "ani.db") == 0
    out = capsys.readouterr().out
    for raw in ("followup_contacts", "partners", "sponsorship_members", "sponsorships",
                "members", "enrolments"):
        assert raw not in out
    assert "Pekerja disponsori" in out and "Kontak tindak lanjut" in out and "Mitra" in out


def test_second_merge_says_nothing_written(files, capsys):
    _merge(files, "ani.db")
    capsys.readouterr()
    assert _merge(files, "ani.db") == 0
    out = capsys.readouterr().out
    assert "None" not in out
    assert "Tidak ada yang ditulis; cadangan tidak dibuat." in out
    assert "(pertama kali " in out and "-20" not in out.split("pertama kali")[1][:12]


def test_conflict_list_uses_names_and_dash(files, capsys):
    _merge(files, "ani.db", "bayu.db")
    capsys.readouterr()
    assert main(["conflicts", "--db", str(files / "cabang.db")]) == 0
    out = capsys.readouterr().out
    assert "None" not in out
    assert "members" not in out and "Peserta" in out
    assert "Kecamatan: cabang=Banjarsari (33.72.05) | petugas=Laweyan (33.72.01)" in out
    assert "Nama: cabang=Budi | petugas=Budi Santoso" in out


def test_wrong_decision_and_resolved_conflict_are_explained(files, capsys):
    _merge(files, "ani.db", "bayu.db")
    capsys.readouterr()
    main(["conflicts", "--db", str(files / "cabang.db")])
    conflict_id = capsys.readouterr().out.split()[0]
    db = ["conflicts", "--db", str(files / "cabang.db"), "--selesaikan", conflict_id]
    assert main([*db, "--pakai", "per-kolom"]) == 2
    err = capsys.readouterr().err
    assert "keputusan 'per-kolom' tidak berlaku" in err and "fields" not in err
    assert "cabang atau petugas atau gabung" in err
    assert main([*db, "--pakai", "cabang"]) == 0
    capsys.readouterr()
    assert main([*db, "--pakai", "cabang"]) == 1
    err = capsys.readouterr().err
    assert "Konflik ini sudah diselesaikan." in err and "tidak ditemukan" not in err


def test_a_refused_decision_is_one_line_and_exit_1(files, capsys):
    """Cici enrolled NIK_A too: once Bayu's Budi is taken, hers cannot be taken as well."""
    cici = officer_file(files / "cici.db", "Cici")
    enrol(cici, NIK_A, "Budi S.")
    cici.close()
    _merge(files, "ani.db", "bayu.db", "cici.db")
    capsys.readouterr()
    main(["conflicts", "--db", str(files / "cabang.db")])
    bayu, cici_id = [line.split()[0] for line in capsys.readouterr().out.splitlines()
                     if "Data ganda" in line]
    db = ["conflicts", "--db", str(files / "cabang.db"), "--selesaikan"]
    assert main([*db, bayu, "--pakai", "petugas"]) == 0
    capsys.readouterr()
    store = open_store(files / "cabang.db")
    before = snapshot(store)
    store.close()
    assert main([*db, cici_id, "--pakai", "petugas"]) == 1
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err == (
        f"bpu: konflik {cici_id} tidak diselesaikan: Peserta dengan NIK ini sudah ada di "
        "berkas cabang (nama Budi Santoso). Pilih '--pakai cabang', atau ubah dulu data "
        "peserta itu.\n")
    store = open_store(files / "cabang.db")
    assert snapshot(store) == before
    store.close()
    assert main([*db, cici_id, "--pakai", "cabang"]) == 0


@pytest.fixture
def many(tmp_path):
    store, made = branch_with_conflicts(tmp_path, tmp_path / "cabang.db", 300)
    store.close()
    return tmp_path / "cabang.db", made


def _listed(out: str) -> list[str]:
    """The conflicts printed: one line each, beginning with the ID's first letters."""
    return [line for line in out.splitlines() if line[:1] not in (" ", "") and
            "konflik terbuka" not in line]


def test_a_long_list_prints_one_page_and_the_count(many, capsys):
    path, made = many
    assert made.lines == 300 + 30 + 3
    assert main(["conflicts", "--db", str(path)]) == 0
    out = capsys.readouterr().out
    assert len(_listed(out)) == 50
    assert out.splitlines()[-1] == ("333 konflik terbuka (ditampilkan nomor 1 s.d. 50; "
                                    "berikutnya dengan --mulai, semuanya dengan --semua).")
    assert main(["conflicts", "--db", str(path), "--mulai", "332", "--batas", "10"]) == 0
    out = capsys.readouterr().out
    assert len(_listed(out)) == 2
    assert out.splitlines()[-1] == "333 konflik terbuka (ditampilkan nomor 332 s.d. 333)."
    assert main(["conflicts", "--db", str(path), "--semua"]) == 0
    out = capsys.readouterr().out
    assert len(set(_listed(out))) == 333 and out.splitlines()[-1] == "333 konflik terbuka."
    assert main(["conflicts", "--db", str(path), "--batas", "0"]) == 2
    assert "--batas dan --mulai harus bilangan 1 atau lebih." in capsys.readouterr().err


def test_a_decision_by_id_prefix_on_a_long_list(many, capsys):
    path, _ = many
    main(["conflicts", "--db", str(path), "--batas", "1"])
    first = capsys.readouterr().out.split()[0]
    assert main(["conflicts", "--db", str(path), "--selesaikan", first, "--pakai",
                 "petugas"]) == 0
    assert f"Konflik {first} diselesaikan (petugas)." in capsys.readouterr().out
    main(["conflicts", "--db", str(path), "--batas", "1"])
    out = capsys.readouterr().out
    assert out.split()[0] != first and "332 konflik terbuka" in out
    assert main(["conflicts", "--db", str(path), "--selesaikan", out[0], "--pakai",
                 "cabang"]) == 2
    assert "cocok dengan lebih dari satu konflik" in capsys.readouterr().err


@pytest.mark.parametrize("extra", [["--pakai", "cabang"], ["--kolom", "name=petugas"]])
def test_a_decision_without_an_id_is_refused_not_listed(files, capsys, extra):
    _merge(files, "ani.db", "bayu.db")
    capsys.readouterr()
    before = snapshot_file(files / "cabang.db")
    code = main(["conflicts", "--db", str(files / "cabang.db"), *extra])
    out, err = capsys.readouterr()
    assert code != 0 and out == ""
    assert len(err.strip().splitlines()) == 1
    assert err.startswith("bpu: pilih konflik dengan --selesaikan ID")
    assert snapshot_file(files / "cabang.db") == before


def test_an_unknown_column_is_named(files, capsys):
    _merge(files, "ani.db", "bayu.db")
    capsys.readouterr()
    main(["conflicts", "--db", str(files / "cabang.db")])
    conflict_id = capsys.readouterr().out.split()[0]
    code = main(["conflicts", "--db", str(files / "cabang.db"), "--selesaikan", conflict_id,
                 "--pakai", "gabung", "--kolom", "warna=petugas"])
    err = capsys.readouterr().err
    assert code != 0
    assert err.strip() == ("bpu: kolom 'warna' tidak ada di konflik ini; kolom yang berbeda: "
                           "Nama, Kecamatan, Kelurahan/Desa.")
    main(["conflicts", "--db", str(files / "cabang.db")])
    assert "1 konflik terbuka." in capsys.readouterr().out
    # Columns as the list names them, in any case, or as stored.
    code = main(["conflicts", "--db", str(files / "cabang.db"), "--selesaikan", conflict_id,
                 "--pakai", "gabung", "--kolom", "nama=petugas", "--kolom",
                 "kelurahan/desa=cabang", "--kolom", "kecamatan_code=cabang"])
    assert code == 0, capsys.readouterr().err
    assert f"Konflik {conflict_id[:8]} diselesaikan (gabung)." in capsys.readouterr().out


def snapshot_file(path):
    store = open_store(path)
    try:
        return snapshot(store)
    finally:
        store.close()


@pytest.fixture
def two_enrolments(tmp_path):
    """The branch enrolled Budi as UMKM (Rp1.500.000); Bayu enrolled him as Ojol."""
    store = officer_file(tmp_path / "cabang.db", "Supervisor")
    enrol(store, NIK_A, "Budi", segment="umkm", income="1.500.000", enrolled_on="10/05/2026")
    store.close()
    bayu = officer_file(tmp_path / "bayu.db", "Bayu")
    enrol(bayu, NIK_A, "Budi Santoso", segment="ojol", income="2.500.000",
          enrolled_on="12/05/2026", kecamatan="Laweyan", kelurahan="Pajang")
    bayu.close()
    assert _merge(tmp_path, "bayu.db") == 0
    return tmp_path


def test_a_duplicate_lists_its_enrolments_and_combining_says_what_was_kept(
        two_enrolments, capsys):
    capsys.readouterr()
    db = ["conflicts", "--db", str(two_enrolments / "cabang.db")]
    assert main(db) == 0
    out = capsys.readouterr().out
    assert ("Kepesertaan Pekerjaan: cabang=UMKM (usaha mikro dan kecil) (umkm) | "
            "petugas=Ojek online (ojol)") in out
    assert "Kepesertaan Penghasilan per bulan: cabang=Rp 1.500.000 | petugas=Rp 2.500.000" in out
    assert "Kepesertaan Tanggal daftar: cabang=10/05/2026 | petugas=12/05/2026" in out
    assert "Kepesertaan Sumber dana" not in out  # the same on both sides
    conflict_id = out.split()[0]
    assert main([*db, "--selesaikan", conflict_id, "--pakai", "gabung"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[1].startswith("dipakai: ")
    assert "Nama=cabang" in lines[1] and "Kecamatan=cabang" in lines[1]
    assert lines[2] == ("Kepesertaan cabang dipakai; kepesertaan petugas (Ojek online, "
                        "Rp 2.500.000) dihapus.")


def test_per_column_without_columns_keeps_each_side_s_own_change(tmp_path, capsys):
    """Ani corrected Budi's name, the supervisor his phone: per-kolom with no --kolom keeps
    both, as the dialog's starting choices do, and says which side each column took."""
    from bpu_desktop.store.database import open_store
    from bpu_desktop.store.members import MemberRepository

    from .store.merge_helpers import NIK_A, enrol, officer_file, rename

    branch = officer_file(tmp_path / "cabang.db", "Supervisor")
    ani = officer_file(tmp_path / "ani.db", "Ani")
    budi = enrol(ani, NIK_A, "Budi")
    branch.close()
    assert main(["merge", "--into", str(tmp_path / "cabang.db"), str(tmp_path / "ani.db")]) == 0
    rename(ani, budi.id, "Budi Santoso")
    ani.close()
    branch = open_store(tmp_path / "cabang.db")
    rename(branch, budi.id, "Budi", phone="0813-1111-2222")
    branch.close()
    assert main(["merge", "--into", str(tmp_path / "cabang.db"), str(tmp_path / "ani.db")]) == 0
    db = ["conflicts", "--db", str(tmp_path / "cabang.db")]
    capsys.readouterr()
    assert main(db) == 0
    conflict_id = capsys.readouterr().out.split()[0]
    assert main([*db, "--selesaikan", conflict_id, "--pakai", "per-kolom"]) == 0
    out = capsys.readouterr().out
    assert "dipakai: Nama=petugas, Nomor HP=cabang" in out
    branch = open_store(tmp_path / "cabang.db")
    member = MemberRepository(branch).get(budi.id)
    branch.close()
    assert member is not None
    assert (member.name, member.phone) == ("Budi Santoso", "081311112222")


def test_a_duplicate_says_what_moves_before_the_decision(tmp_path, capsys):
    from .store.test_conflict_belongings import merged, two_sris_files

    made = two_sris_files(tmp_path)
    merged(tmp_path).close()
    assert main(["conflicts", "--db", str(tmp_path / "cabang.db")]) == 0
    out = capsys.readouterr().out
    amount = f"{made['amount']:,}".replace(",", ".")
    rina = f"{made['rina_amount']:,}".replace(",", ".")
    assert (f"--pakai petugas: 1 pembayaran (Rp {amount}) dan 1 tanggungan sponsor "
            "dipindahkan ke data yang dipakai.") in out
    assert f"--pakai cabang: 1 pembayaran (Rp {rina}) dipindahkan ke data yang dipakai." \
        in out


def test_an_edit_of_a_dropped_copy_says_why_it_is_deleted(tmp_path, capsys):
    from .store.test_conflict_after_decision import _edited_dropped_copy
    from .store.test_conflict_belongings import two_sris_files

    _edited_dropped_copy(two_sris_files(tmp_path), tmp_path).close()
    assert main(["conflicts", "--db", str(tmp_path / "cabang.db")]) == 0
    out = capsys.readouterr().out
    assert ("NIK-nya terdaftar dua kali, dan keputusan '--pakai petugas' memakai data yang "
            "lain (Sri Wahyuni), dari rina.db.") in out
    assert "'--pakai cabang': perubahan ini diabaikan." in out


@pytest.fixture
def same_budi(tmp_path):
    """Ani and Bayu enrolled Budi with the same details; both files merged into the
    branch: one duplicate whose copies differ only in who enrolled him and where."""
    officer_file(tmp_path / "cabang.db", "Supervisor").close()
    for officer in ("Ani", "Bayu"):
        store = officer_file(tmp_path / f"{officer.lower()}.db", officer)
        enrol(store, NIK_A, "Budi")
        store.close()
    assert _merge(tmp_path, "ani.db") == 0
    assert _merge(tmp_path, "bayu.db") == 0
    return tmp_path


def test_a_duplicate_with_the_same_data_says_who_enrolled_each_copy(same_budi, capsys):
    capsys.readouterr()
    assert main(["conflicts", "--db", str(same_budi / "cabang.db")]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert "NIK" in lines[0] and "bayu.db" in lines[0]
    mine, theirs = lines[1].strip(), lines[2].strip()
    assert mine.startswith("Didaftarkan (cabang): Ani, tgl daftar 20/05/2026 (dicatat ")
    assert mine.endswith("dari ani.db")
    assert theirs.startswith("Didaftarkan (petugas): Bayu, tgl daftar 20/05/2026 (dicatat ")
    assert theirs.endswith("dari bayu.db")
    assert lines[3].strip().startswith(
        "Data kedua salinan sama; pilih salinan mana yang dipakai (petugas")
    assert lines[-1] == "1 konflik terbuka."
