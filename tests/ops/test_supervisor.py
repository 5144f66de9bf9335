"""bot.supervisor with real child processes: a child that exits is restarted after its back-off, the others are
left alone, and a child that keeps exiting is reported as a crash loop with its log."""

from __future__ import annotations

import subprocess
import sys
import time

import pytest

from bot.supervisor import CrashLoop, Supervisor


def sleeper() -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])


def quitter(code: int = 3) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", f"raise SystemExit({code})"])


def until(predicate, timeout: float = 10.0, step: float = 0.05):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(step)
    raise AssertionError("condition not reached")


@pytest.fixture
def supervisor():
    sup = Supervisor(backoff_initial=0.2, backoff_max=1.0)
    yield sup
    sup.stop()
    for _name, proc in sup.procs():
        if proc.poll() is None:
            proc.kill()
            proc.wait()


def test_a_killed_child_is_restarted_and_the_others_keep_running(supervisor):
    first = supervisor.watch("a", sleeper)
    other = supervisor.watch("b", sleeper)
    first.kill()
    first.wait()
    events = until(lambda: supervisor.check())
    assert [(e.name, e.kind) for e in events] == [("a", "exited")]
    assert "restart in 0.2 s" in events[0].detail
    assert supervisor.check() == []  # still within the back-off: not restarted yet
    time.sleep(0.25)
    events = supervisor.check()
    assert [(e.name, e.kind) for e in events] == [("a", "restarted")]
    new = dict(supervisor.procs())["a"]
    assert new is not first and new.poll() is None
    assert dict(supervisor.procs())["b"] is other and other.poll() is None


def test_back_off_doubles_with_each_restart_in_the_window():
    now = [0.0]
    sup = Supervisor(backoff_initial=0.5, backoff_max=4.0, clock=lambda: now[0])
    sup.watch("x", lambda: quitter(1))
    delays = []
    for _ in range(5):
        dict(sup.procs())["x"].wait()
        exited = sup.check()
        assert exited[0].kind == "exited"
        at = sup.children["x"].restart_at
        delays.append(at - now[0])
        now[0] = at
        assert sup.check()[0].kind == "restarted"
    assert delays == [0.5, 1.0, 2.0, 4.0, 4.0]
    dict(sup.procs())["x"].wait()


def test_restarts_outside_the_window_are_forgotten():
    now = [0.0]
    sup = Supervisor(max_restarts=2, window=60, backoff_initial=0.1, clock=lambda: now[0])
    sup.watch("x", lambda: quitter(1))
    for _ in range(6):  # one exit a minute: never a crash loop
        dict(sup.procs())["x"].wait()
        sup.check()
        now[0] += 0.1
        assert sup.check()[0].kind == "restarted"
        now[0] += 61
    assert sup.delay(sup.children["x"]) == pytest.approx(0.2)  # only the last restart counts
    dict(sup.procs())["x"].wait()


def test_a_crash_loop_names_the_service_and_its_log(tmp_path, supervisor):
    supervisor.backoff_initial = 0.01
    supervisor.watch("rasa-1", lambda: quitter(2), log_path=tmp_path / "rasa-1.log")
    keeper = supervisor.watch("backend-0", sleeper)
    supervisor.start_thread(interval=0.02)
    until(lambda: supervisor.failure is not None)
    assert isinstance(supervisor.failure, CrashLoop)
    assert supervisor.failure.name == "rasa-1"
    assert str(tmp_path / "rasa-1.log") in str(supervisor.failure)
    assert sum(e.kind == "restarted" for e in supervisor.events if e.name == "rasa-1") == 5
    assert keeper.poll() is None  # the supervisor only reports: the caller stops everything


def test_the_runner_stops_everything_on_a_crash_loop_and_says_where_the_log_is(tmp_path, monkeypatch):
    """bot.stack's loop: a child that keeps dying ends the run with its name and log; the others are stopped."""
    from bot import stack as stack_module

    monkeypatch.setattr(stack_module, "LOG_DIR", tmp_path)
    stack = stack_module.Stack()
    stack.supervisor.backoff_initial = 0.01
    healthy = stack._spawn("backend", [sys.executable, "-c", "import time; time.sleep(60)"], {})
    stack._spawn("rasa", [sys.executable, "-c", "print('model missing'); raise SystemExit(1)"], {})
    try:
        with pytest.raises(CrashLoop) as info:
            stack.supervisor.run(interval=0.02)
    finally:
        stack.stop()
    assert info.value.name == "rasa" and info.value.log_path == tmp_path / "rasa.log"
    log = (tmp_path / "rasa.log").read_text()
    assert log.count("model missing") == 6 and "restarted by bot.stack" in log  # every run kept in the log
    assert healthy.poll() is not None and stack.procs == []
