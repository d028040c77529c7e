from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bpu_desktop.domain.pace import cumulative, monthly_pace


def test_even_split_gives_leftovers_to_the_first_months():
    assert monthly_pace(63_339) == [5_279, 5_279, 5_279] + [5_278] * 9
    assert monthly_pace(12) == [1] * 12
    assert monthly_pace(0) == [0] * 12
    assert monthly_pace(5) == [1] * 5 + [0] * 7


def test_weights_follow_the_season():
    weights = [1] * 11 + [2]
    assert monthly_pace(1_300, weights) == [100] * 11 + [200]
    assert monthly_pace(10, [Decimal("0.5")] * 12) == [1] * 10 + [0] * 2


def test_largest_remainder_wins():
    # shares 1.5 / 3.5 / 5: the remainders tie at .5; earlier month first
    weights = [3, 7, 10] + [0] * 9
    assert monthly_pace(10, weights) == [2, 3, 5] + [0] * 9
    weights = [1, 2] + [0] * 10
    assert monthly_pace(2, weights) == [1, 1] + [0] * 10  # 0.67 / 1.33


@pytest.mark.parametrize(
    ("target", "weights", "message"),
    [
        (-1, None, "negatif"),
        (10, [1] * 11, "12 angka"),
        (10, [0] * 12, "lebih dari 0"),
        (10, [-1] + [1] * 11, "negatif"),
    ],
)
def test_bad_input_is_refused(target, weights, message):
    with pytest.raises(ValueError, match=message):
        monthly_pace(target, weights)


def test_cumulative():
    assert cumulative([1, 2, 3]) == [1, 3, 6]
    assert cumulative([]) == []


@given(
    st.integers(0, 10**9),
    st.one_of(
        st.none(),
        st.lists(st.integers(0, 1000), min_size=12, max_size=12).filter(any),
    ),
)
def test_always_sums_to_the_target_and_stays_close_to_the_share(target, weights):
    values = monthly_pace(target, weights)
    assert len(values) == 12
    assert sum(values) == target
    assert cumulative(values)[-1] == target
    w = weights or [1] * 12
    for value, weight in zip(values, w, strict=True):
        share = target * weight / sum(w)
        assert share - 1 < value < share + 1
        if weight == 0:
            assert value == 0
