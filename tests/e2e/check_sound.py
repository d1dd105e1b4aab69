#!/usr/bin/env python3
"""Sound on time, end to end: plays a routine with 'ease preview --once --trace' on SDL's disk
audio driver (which writes every sample the kiosk produced to a raw file), finds the onset of
every cue in that file, and checks it against the trace and the plan.

  check_sound.py EASE ROUTINE WORKDIR timing   every planned cue, and no other, was handed over
                                               no more than a video frame (17 ms) early and is
                                               heard within one audio buffer of the sample the
                                               trace gives for it, which lies within a buffer of
                                               its planned place relative to the first (or, for
                                               a cue handed over late on a busy machine, exactly
                                               at the first sample not yet mixed: part-way)
  check_sound.py EASE ROUTINE WORKDIR pause    the same with a pause in the middle: cues after it
                                               shift by exactly the paused time; silence meanwhile
  check_sound.py EASE ROUTINE WORKDIR silent   no audio device at all: the routine plays to its end
  check_sound.py EASE ROUTINE WORKDIR starve   the device thread held for 3 s at 15 s (a starved
                                               thread): silent meanwhile, sound again within 10 s
                                               of its release, the routine played to its end
  check_sound.py EASE ROUTINE WORKDIR stop     the same with the whole process stopped for 3 s
                                               (SIGSTOP, then SIGCONT)

The disk driver paces itself with whole-millisecond sleeps, so its file does not run at wall-clock
speed. Ease takes its clock from the output stream while a device plays, so the file is compared
with sample positions (the trace's and the plan's), never with wall time.
"""
import array
import json
import os
import signal
import subprocess
import sys
import time

RATE = 48000
BUFFER = 480          # frames: the 10 ms buffer asked for
FRAME_MS = 17         # one video frame at 60 Hz
THRESHOLD = 64        # |sample| above this is sound; between cues the output is exactly 0
QUIET_BEFORE = 960    # 20 ms of silence before an onset


def fail(message):
    print("FAIL: " + message)
    sys.exit(1)


def run_preview(ease, routine, workdir, driver, extra, env_extra=None, during=None):
    trace = os.path.join(workdir, "trace.jsonl")
    raw = os.path.join(workdir, "out.raw")
    for path in (trace, raw):
        if os.path.exists(path):
            os.remove(path)
    env = dict(os.environ, EASE_CONFIG="", SDL_VIDEODRIVER="offscreen", SDL_AUDIODRIVER=driver,
               SDL_DISKAUDIOFILE=raw)
    env.update(env_extra or {})
    command = [ease, "preview", routine, "--once", "--trace", trace, "--windowed", "480x320"] + extra
    started = time.monotonic()
    with open(os.path.join(workdir, "stderr.log"), "w+") as log:
        child = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=log)
        if during:
            during(child, trace)
        child.wait(timeout=600)
        log.seek(0)
        stderr = log.read()
    seconds = time.monotonic() - started
    sys.stderr.write(stderr)
    if child.returncode != 0:
        fail("ease preview exited with %d" % child.returncode)
    lines = [json.loads(line) for line in open(trace)]
    return lines, raw, stderr, seconds


def plan_cues(ease, routine):
    out = subprocess.run([ease, "plan", routine, "--json"], stdout=subprocess.PIPE, check=True,
                         env=dict(os.environ, EASE_CONFIG=""), text=True).stdout
    plan = json.loads(out)
    return [(c["event"], c["at_ms"]) for c in plan["cues"]], plan["length_ms"]


def onsets(raw):
    """Onsets in the recording, as sample positions of Ease's own stream: SDL writes a few
    buffers of silence before Ease's mixer first runs (while the device is still paused), and
    with --trace Ease marks its stream's first frame with +1/-1 (inaudible), so positions are
    counted from that mark."""
    samples = array.array("h")
    with open(raw, "rb") as f:
        samples.frombytes(f.read())
    if sys.byteorder != "little":
        samples.byteswap()
    start = next((i for i in range(0, len(samples) - 1, 2) if samples[i] or samples[i + 1]), None)
    if start is None or (samples[start], samples[start + 1]) != (1, -1):
        fail("the recording does not begin with the mark of Ease's first frame")
    if start // 2 % BUFFER:
        fail("%d frames before Ease's first: not whole buffers of SDL's silence" % (start // 2))
    left = samples[start::2]
    found, quiet = [], QUIET_BEFORE
    for i, x in enumerate(left):
        if x > THRESHOLD or x < -THRESHOLD:
            if quiet >= QUIET_BEFORE:
                found.append(i)
            quiet = 0
        else:
            quiet += 1
    return found, len(left), start // 2


def check_cues_match_plan(trace_cues, planned, from_ms=0):
    planned = [c for c in planned if c[1] >= from_ms]
    got = [(c["cue"], c["planned_ms"]) for c in trace_cues]
    if got != planned:
        fail("the trace's cues differ from the plan's:\n  trace %s\n  plan  %s" % (got, planned))


def check_heard(trace_cues, raw, forbidden=None, from_sample=0):
    """Every distinct start in the trace has an onset in the file within a buffer of it, and
    every onset in the file belongs to a cue. Returns the largest error in samples. A cue
    handed over after its own end (a starved frame loop) is dropped, rightly, and not looked for."""
    trace_cues = [c for c in trace_cues if not (
        c["start_sample"] is None and c.get("mixed_sample") is not None and
        c["planned_sample"] is not None and c["planned_sample"] < c["mixed_sample"])]
    starts = sorted({c["start_sample"] for c in trace_cues})
    if None in starts:
        fail("a cue was never started: %s" % [c for c in trace_cues if c["start_sample"] is None])
    heard, length, preroll = onsets(raw)
    print("the recording starts with %d frames of SDL's silence before Ease's first" % preroll)
    worst = 0
    # A cue handed over after its planned sample starts part-way: what is left of a short tick
    # may be its quiet tail, with no onset to find.
    part_way = {c["start_sample"] for c in trace_cues
                if c.get("mixed_sample") is not None and c["planned_sample"] < c["mixed_sample"]}
    # A cue placed while another is still sounding (the cue policy puts a breath tone half a
    # second after a step's bell) has no silence before it to find an onset in.
    masked = {c["start_sample"] for c in trace_cues
              if any(o is not c and o["start_sample"] < c["start_sample"] <
                     o["start_sample"] + o.get("frames", 0) + QUIET_BEFORE for o in trace_cues)}
    for start in starts:
        near = [o for o in heard if abs(o - start) <= BUFFER]
        if (start in part_way or start in masked) and len(near) == 0:
            continue
        if len(near) != 1:
            fail("expected one onset within %d samples of %d, found %s" % (BUFFER, start, near))
        worst = max(worst, abs(near[0] - start))
    extra = [o for o in heard
             if o >= from_sample - BUFFER and all(abs(o - s) > BUFFER for s in starts)]
    if extra:
        fail("sounds in the output that no cue explains, at samples %s" % extra[:10])
    if forbidden:
        during = [o for o in heard if forbidden[0] <= o < forbidden[1]]
        if during:
            fail("sound while paused, at samples %s" % during)
    return worst, length


def check_on_plan(trace_cues, speed, shift_after=None):
    """The planned places follow the plan exactly (and shift by exactly the pause), relative to
    the first cue, and each cue starts on its planned sample. Or, when it was planned before the
    first sample the mixer had not yet mixed at its hand-over ("mixed_sample": the frame loop or
    the device thread was not scheduled in time, on a busy machine), exactly there: part-way,
    at the sample it would have reached. Never anywhere else, so the test means the same on any
    machine. Returns the largest start error of a cue handed in time, and how many were late."""
    # The reference: the first cue handed over in time (a first cue handed late started
    # part-way, and is no measure of where the others belong).
    first = next((c for c in trace_cues if c.get("mixed_sample") is None or
                  c["planned_sample"] >= c["mixed_sample"]), trace_cues[0])
    worst = 0
    handed_late = 0
    def sounds_at(c):  # the cue's moment, and the policy's offset of its sound (after a bell)
        return c["planned_ms"] + c.get("offset_ms", 0)

    for c in trace_cues:
        expected = first["planned_sample"] + round(
            (sounds_at(c) - sounds_at(first)) * RATE / 1000 / speed)
        if shift_after is not None and c["planned_ms"] > shift_after[0]:
            expected += shift_after[1]
        if abs(c["planned_sample"] - expected) > RATE // 1000:
            fail("%s at %d ms planned at sample %d, expected %d" %
                 (c["cue"], c["planned_ms"], c["planned_sample"], expected))
        mixed = c.get("mixed_sample")
        if mixed is not None and c["planned_sample"] < mixed:
            handed_late += 1
            # None: late by more than its own length, dropped (mix.c; unit-tested there).
            if c["start_sample"] is not None and c["start_sample"] != mixed:
                fail("%s at %d ms, handed over when sample %d was next to mix, started at %d" %
                     (c["cue"], c["planned_ms"], mixed, c["start_sample"]))
            continue
        late = (c["start_sample"] - first["start_sample"]) - (expected - first["planned_sample"])
        if abs(late) > BUFFER:
            fail("%s at %d ms started %d samples off its place relative to the first cue" %
                 (c["cue"], c["planned_ms"], late))
        worst = max(worst, abs(late))
    return worst, handed_late


def check_handed(trace_cues, speed):
    """No cue is handed over more than a frame early. A cue handed late is the machine's
    doing (its frame loop was not scheduled), which check_on_plan allows for; it is counted."""
    worst = 0
    for c in trace_cues:
        # Routine ms to wall ms: a hand-over lookahead is in wall time.
        early = (c["planned_ms"] - c["handed_ms"]) / speed
        if early > FRAME_MS:
            fail("%s at %d ms handed over at %d ms: more than a frame early" %
                 (c["cue"], c["planned_ms"], c["handed_ms"]))
        worst = max(worst, abs(early))
    return worst


STALL_AT_MS = 15000
STALL_MS = 3000
BACK_WITHIN_MS = 10000


def stop_for_a_while(child, trace):
    """SIGSTOP the preview once its trace has reached STALL_AT_MS, SIGCONT it STALL_MS later."""
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline and child.poll() is None:
        try:
            with open(trace) as f:
                reached = [json.loads(l).get("planned_ms", -1) for l in f if l.endswith("\n")]
        except (OSError, ValueError):
            reached = []
        if reached and max(reached) >= STALL_AT_MS:
            child.send_signal(signal.SIGSTOP)
            time.sleep(STALL_MS / 1000)
            child.send_signal(signal.SIGCONT)
            return
        time.sleep(0.05)
    fail("the preview never reached %d ms" % STALL_AT_MS)


def check_recovers(ease, routine, workdir, planned, mode):
    """The device stops taking sound for 3 s (its thread starved, or the whole process stopped):
    the routine plays on to its end, and every cue planned from 10 s after the stall on is
    heard where the trace says, as before it."""
    if mode == "starve":
        lines, raw, stderr, seconds = run_preview(
            ease, routine, workdir, "disk", ["--speed", "1"],
            env_extra={"EASE_TEST_AUDIO_STARVE": "%d:%d" % (STALL_AT_MS, STALL_MS)})
        if "stopped taking sound" not in stderr or "takes sound again" not in stderr:
            fail("the stall and the recovery were not both noticed")
    else:
        lines, raw, stderr, seconds = run_preview(ease, routine, workdir, "disk",
                                                  ["--speed", "1"], during=stop_for_a_while)
        if "stopped taking sound" in stderr and "takes sound again" not in stderr:
            fail("the sound never came back after SIGCONT")
    if "removed" in stderr:
        fail("a stall taken for a removed device")
    cues = [l for l in lines if "cue" in l]
    check_cues_match_plan(cues, planned)
    # The routine's time of the stall's end: the clock holds at most AUDIO_STALL_MS (1 s) of it.
    back_by = STALL_AT_MS + 1000 + BACK_WITHIN_MS
    after = [c for c in cues if c["planned_ms"] >= back_by]
    if not after:
        fail("no cue planned after %d ms to hear" % back_by)
    # (A cue handed over after its own end, on a busy machine, is rightly dropped: the test is
    # whether the audio placed it, not how fast the machine was.)
    unheard = [c for c in after if c["planned_sample"] is None or
               (c["start_sample"] is None and c["planned_sample"] >= c["mixed_sample"])]
    if unheard:
        fail("silent more than %d s after the stall: %s" % (BACK_WITHIN_MS // 1000, unheard[:3]))
    after = [c for c in after if c["start_sample"] is not None]
    onset_error, frames = check_heard(after, raw, None, min(c["start_sample"] for c in after))
    heard_before = [c for c in cues if c["planned_ms"] < STALL_AT_MS and c["start_sample"]]
    if not heard_before:
        fail("nothing was heard before the stall")
    print("%s: %d cues heard before the stall, every one of the %d from %d ms on heard again "
          "(onsets at most %d samples from the trace); %.1f s in all" %
          (mode, len(heard_before), len(after), back_by, onset_error, seconds))


def main():
    ease, routine, workdir, mode = sys.argv[1:5]
    os.makedirs(workdir, exist_ok=True)
    planned, length_ms = plan_cues(ease, routine)
    if mode == "timing":
        lines, raw, _, seconds = run_preview(ease, routine, workdir, "disk", ["--speed", "1"])
        cues = [l for l in lines if "cue" in l]
        check_cues_match_plan(cues, planned)
        handed = check_handed(cues, 1)
        onset_error, frames = check_heard(cues, raw)
        late, handed_late = check_on_plan(cues, 1)
        print("timing: %d cues; handed at most %.0f ms from plan (%d late); onsets at most %d "
              "samples from the trace; starts at most %d samples off plan; %.1f s of audio in "
              "%.1f s" % (len(cues), handed, handed_late, onset_error, late, frames / RATE,
                          seconds))
    elif mode == "pause":
        # The last half of the routine, paused in its middle for two seconds.
        speed = 1
        lines, raw, _, seconds = run_preview(
            ease, routine, workdir, "disk",
            ["--speed", str(speed), "--from", "30s", "--pause-at", "41500ms", "--pause-for", "2s"])
        cues = [l for l in lines if "cue" in l]
        pauses = [l for l in lines if l.get("player") == "pause"]
        resumes = [l for l in lines if l.get("player") == "resume"]
        if len(pauses) != 1 or len(resumes) != 1:
            fail("expected one pause and one resume in the trace, got %s" % lines)
        check_cues_match_plan(cues, planned, 30000)
        paused_ms = resumes[0]["paused_ms"]
        shift = resumes[0]["shift_samples"]
        if shift != paused_ms * RATE // 1000 or abs(paused_ms - 2000) > 100:
            fail("paused %d ms, shifted %d samples" % (paused_ms, shift))
        pause_sample = pauses[0]["sample"]
        onset_error, frames = check_heard(cues, raw, (pause_sample + BUFFER,
                                                      pause_sample + shift - BUFFER))
        late, handed_late = check_on_plan(cues, speed, (41500, shift))
        after = [c for c in cues if c["planned_ms"] > 41500]
        if not after:
            fail("no cues after the pause")
        print("pause: paused %d ms = %d samples; %d cues after it shifted by exactly that; "
              "onsets at most %d samples from the trace; starts at most %d samples off plan "
              "(%d handed late); %.1f s in all" % (paused_ms, shift, len(after), onset_error,
                                                   late, handed_late, seconds))
    elif mode == "silent":
        speed = 4
        lines, _, stderr, seconds = run_preview(ease, routine, workdir, "no-such-driver",
                                                ["--speed", str(speed)])
        cues = [l for l in lines if "cue" in l]
        check_cues_match_plan(cues, planned)
        if any(c["start_sample"] is not None for c in cues):
            fail("a cue has a start sample with no sound device")
        if "silently" not in stderr:
            fail("no word that sound is off")
        if seconds < length_ms / 1000 / speed:
            fail("finished in %.1f s: the routine did not play to its end" % seconds)
        print("silent: the whole routine played (%d cues) in %.1f s with no sound device" %
              (len(cues), seconds))
    elif mode in ("starve", "stop"):
        check_recovers(ease, routine, workdir, planned, mode)
    else:
        fail("unknown mode " + mode)


if __name__ == "__main__":
    main()
