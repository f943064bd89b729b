"""scripts/peers' statistic and rotation, on a fake clock (no TensorFlow, no explore)."""

import os
import sys

import pytest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "peers"))
import peer_protocol as p  # noqa: E402


class FakeClock:
    """A clock that only moves when a subject's call advances it."""

    def __init__(self):
        self.now = 100.0

    def __call__(self):
        return self.now


def test_rotation_puts_every_subject_first_and_last_in_turn():
    assert p.rotation(0, 3) == [0, 1, 2]
    assert p.rotation(1, 3) == [1, 2, 0]
    assert p.rotation(2, 3) == [2, 0, 1]
    assert p.rotation(3, 3) == [0, 1, 2]
    assert p.rotation(5, 0) == []
    with pytest.raises(ValueError):
        p.rotation(-1, 3)


def test_measure_warms_up_first_then_rotates_and_times_each_call():
    clock = FakeClock()
    log = []

    def subject(name, durations):
        remaining = list(durations)

        def call():
            log.append(name)
            clock.now += remaining.pop(0)

        return p.Subject(name, 2, call)

    # Warm-ups take 1 s each and must not be counted; timed calls take the listed times.
    a = subject("a", [1, 0.010, 0.030, 0.020, 0.050, 0.040])
    b = subject("b", [1, 0.100, 0.100, 0.300, 0.200, 0.100])
    settles = []
    results = p.measure([a, b], warmups=1, samples=5, clock=clock, settle=lambda: settles.append(clock.now))
    assert log == ["a", "b", "a", "b", "b", "a", "a", "b", "b", "a", "a", "b"]
    assert len(settles) == 10
    ra, rb = results
    assert ra["name"] == "a" and ra["threads"] == 2
    assert ra["samples_ms"] == pytest.approx([10, 30, 20, 50, 40])
    assert ra["median_ms"] == pytest.approx(30)
    assert (ra["min_ms"], ra["max_ms"]) == (pytest.approx(10), pytest.approx(50))
    assert rb["samples_ms"] == pytest.approx([100, 100, 300, 200, 100])
    assert rb["median_ms"] == pytest.approx(100)
    # The ratio is of medians, not of bests or means.
    assert p.ratio(ra, rb) == pytest.approx(0.3)
    assert p.ratio(rb, ra) == pytest.approx(100 / 30)
    assert "reported_ms" not in ra


def test_a_subject_reported_time_is_kept_beside_the_sample_not_instead_of_it():
    clock = FakeClock()

    def call():
        clock.now += 0.012
        return 0.010

    (result,) = p.measure([p.Subject("explore", 2, call)], warmups=2, samples=5, clock=clock)
    assert result["samples_ms"] == pytest.approx([12] * 5)
    assert result["reported_ms"] == pytest.approx([10] * 5)
    assert result["median_ms"] == pytest.approx(12)


def test_too_few_samples_or_no_warm_up_is_refused():
    subject = p.Subject("a", 1, lambda: None)
    with pytest.raises(ValueError, match="at least 5"):
        p.measure([subject], warmups=1, samples=4, clock=FakeClock())
    with pytest.raises(ValueError, match="warm-up"):
        p.measure([subject], warmups=0, samples=5, clock=FakeClock())
    with pytest.raises(ValueError, match="at least 5"):
        p.summary("a", 1, [0.1] * 4)
    with pytest.raises(ValueError):
        p.ratio(p.summary("a", 1, [0.1] * 5), p.summary("b", 1, [0.0] * 5))
