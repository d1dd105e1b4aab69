#!/usr/bin/env python3
"""One voice at a time, end to end: plays a routine with the voice on (and breathing spoken)
through 'ease preview --once --trace' on SDL's disk audio driver, then checks, from the trace and
from the recorded samples:

  - no two utterances overlap: each placed one starts after the one before has ended (trace),
    and the recording holds sound through each of them;
  - each step's instruction is said once at most, and exactly once for every step that rings a
    bell, except a later pass of a repeated block (its words were said in the first);
  - every cue the plan has for a repetition ('rep') and for a new set ('set') is heard, with an
    onset in the recording at its start unless words are being said just then;
  - the step bell and the first breath cue never start on the same moment (at least 400 ms
    apart), and no breathing tone starts on a bell.

  check_voice.py EASE ROUTINE WORKDIR [block]   (block: the routine must repeat a block)
  check_voice.py EASE ROUTINE WORKDIR pack      with a voice pack of the three breathing
                                                phrases (made here, 0.7 s each): every phrase
                                                said is the pack's, none espeak-ng's

Every assertion is a count or an ordering of sample positions the trace gives: nothing depends on
how fast the machine is (the kiosk's clock is the output stream while a device plays).
"""
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import check_sound  # noqa: E402  (the preview runner and the onset finder)

RATE = check_sound.RATE
BUFFER = check_sound.BUFFER
BELL_APART = RATE * 400 // 1000


def fail(message):
    print("FAIL: " + message)
    sys.exit(1)


def plan_of(ease, routine):
    out = check_sound.subprocess.run([ease, "plan", routine, "--json"], check=True, text=True,
                                     stdout=check_sound.subprocess.PIPE,
                                     env=dict(os.environ, EASE_CONFIG="")).stdout
    return json.loads(out)


def main():
    ease, routine, workdir = sys.argv[1:4]
    os.makedirs(workdir, exist_ok=True)
    config = os.path.join(workdir, "kiosk.yaml")
    pack = "pack" in sys.argv[4:]
    with open(config, "w") as f:
        f.write("voice: true\nspeak-breathing: true\nlanguage: en\n")
        if pack:
            f.write("voice-pack: %s\n" % make_pack(workdir))
    plan = plan_of(ease, routine)
    lines, raw, stderr, seconds = check_sound.run_preview(
        ease, routine, workdir, "disk", ["--speed", "1"], env_extra={"EASE_CONFIG": config})
    if "ease: config" in stderr and "error" in stderr:
        fail("the test's kiosk.yaml was refused")
    cues = [l for l in lines if "cue" in l]
    speech = [l for l in lines if "speech" in l]
    placed = sorted((l for l in speech if l["start_sample"] is not None),
                    key=lambda l: l["start_sample"])
    if not placed:
        fail("nothing was said with the voice on (is espeak-ng installed?)")

    # No two utterances overlap.
    for before, after in zip(placed, placed[1:]):
        if after["start_sample"] < before["start_sample"] + before["frames"]:
            fail("%s at sample %d starts before %s (from %d, %d samples) has ended" %
                 (after["speech"], after["start_sample"], before["speech"],
                  before["start_sample"], before["frames"]))

    # The recording holds each utterance where the trace says (something heard in each quarter).
    samples, preroll = read_left(raw)
    for u in placed:
        quarter = u["frames"] // 4
        for k in range(4):
            part = samples[u["start_sample"] + k * quarter:u["start_sample"] + (k + 1) * quarter]
            if part and max(abs(x) for x in part) <= check_sound.THRESHOLD:
                fail("the recording is silent in quarter %d of %s at sample %d" %
                     (k + 1, u["speech"], u["start_sample"]))

    # Each step's words once at most; once for each step that rings a bell, but a block's later
    # pass, which repeats words already said. (The plan's steps count from 1, the trace's from 0.)
    said = {}
    for u in placed:
        if u["speech"] == "step":
            said[u["step"] + 1] = said.get(u["step"] + 1, 0) + 1
    twice = {s: n for s, n in said.items() if n > 1}
    if twice:
        fail("instructions said more than once: %s" % twice)
    starts = {}
    for seg in plan["segments"]:
        starts.setdefault(seg["start_ms"], seg["step"])
    belled = sorted({starts[c["at_ms"]] for c in plan["cues"] if c["event"] == "step"})
    first = first_passes(plan)
    missing = [s for s in belled if s in first and said.get(s, 0) != 1]
    if missing:
        fail("steps whose words were never said: %s (said: %s)" % (missing, said))
    again = [s for s in said if s not in first]
    if again:
        fail("a later pass of a block said its words again: steps %s" % again)
    if "block" in sys.argv[4:] and len(belled) == len(first):
        fail("the routine has no repeated block: the test would not show words said once")

    # Every repetition and set cue of the plan, heard.
    planned = [c for c in plan["cues"] if c["event"] in ("rep", "set")]
    traced = [c for c in cues if c["cue"] in ("rep", "set")]
    if len(traced) != len(planned):
        fail("the plan has %d repetition and set cues, the trace %d" % (len(planned), len(traced)))
    heard, _, _ = check_sound.onsets(raw)
    speaking = [(u["start_sample"], u["start_sample"] + u["frames"]) for u in placed]
    for c in traced:
        if c["start_sample"] is None:
            if c["planned_sample"] is not None and c["planned_sample"] < c["mixed_sample"]:
                continue  # handed over after its own end on a busy machine: rightly dropped
            fail("the %s cue at %d ms was not played" % (c["cue"], c["planned_ms"]))
        under_words = any(a - BUFFER <= c["start_sample"] < b + check_sound.QUIET_BEFORE
                          for a, b in speaking)
        near = [o for o in heard if abs(o - c["start_sample"]) <= BUFFER]
        if not under_words and len(near) != 1:
            fail("no onset in the recording for the %s cue at sample %d" %
                 (c["cue"], c["start_sample"]))

    # The bell and the breath apart.
    bells = [c for c in cues if c["cue"] in ("step", "set") and c["start_sample"] is not None]
    breaths = [c for c in cues if c["cue"] in ("inhale", "hold", "exhale")
               and c["start_sample"] is not None]
    for b in bells:
        for c in breaths:
            if abs(c["start_sample"] - b["start_sample"]) < BELL_APART:
                fail("the %s tone at sample %d is on the %s bell at %d" %
                     (c["cue"], c["start_sample"], b["cue"], b["start_sample"]))
    breath_words = [u for u in speech if u["speech"] in ("breathe-in", "hold", "breathe-out")]
    if pack:
        said_phrases = [u for u in breath_words if u["start_sample"] is not None]
        if not said_phrases:
            fail("no breathing phrase was said")
        for u in said_phrases:
            if u.get("voice") != "pack" or u["frames"] != PACK_PHRASE_FRAMES:
                fail("%s said by %s (%d samples), not the voice pack's recording" %
                     (u["speech"], u.get("voice"), u["frames"]))
        print("pack: the %d breathing phrases said are all the voice pack's recordings" %
              len(said_phrases))
    print("voice: %d utterances, none overlapping (%d phrases dropped as outdated); steps said "
          "once each: %s; %d repetition and set cues heard; %d bells, no breath tone within "
          "%d ms of one; %.1f s in all" %
          (len(placed), sum(1 for u in breath_words if u["start_sample"] is None),
           sorted(said), len(traced), len(bells), BELL_APART * 1000 // RATE, seconds))


def read_left(raw):
    """The left channel from Ease's first frame on (after the trace's mark)."""
    samples = check_sound.array.array("h")
    with open(raw, "rb") as f:
        samples.frombytes(f.read())
    if sys.byteorder != "little":
        samples.byteswap()
    start = next((i for i in range(0, len(samples) - 1, 2) if samples[i] or samples[i + 1]), 0)
    return samples[start::2], start // 2


PACK_PHRASE_FRAMES = RATE * 7 // 10


def make_pack(workdir):
    """A voice pack of the three breathing phrases: 0.7 s of a soft voiced-like tone each (the
    test needs a recording of a known length, not a voice), as 16-bit WAV at 48 kHz."""
    import math
    import wave
    folder = os.path.join(workdir, "voice-pack", "en")
    os.makedirs(folder, exist_ok=True)
    for key, pitch in (("breathe-in", 220), ("hold", 180), ("breathe-out", 160)):
        with wave.open(os.path.join(folder, key + ".wav"), "wb") as w:
            w.setnchannels(1)
            w.setsampwidth(2)
            w.setframerate(RATE)
            frames = bytearray()
            for i in range(PACK_PHRASE_FRAMES):
                fade = min(1.0, i / 480, (PACK_PHRASE_FRAMES - 1 - i) / 480)
                x = int(12000 * fade * math.sin(2 * math.pi * pitch * i / RATE))
                frames += x.to_bytes(2, "little", signed=True)
            w.writeframes(bytes(frames))
    return os.path.join(workdir, "voice-pack")


def first_passes(plan):
    """Steps (from 1) whose words are not those of an earlier step: a later pass of a repeated
    block has the same title and text as its first pass."""
    owner, first = {}, set()
    for seg in plan["segments"]:
        key = (seg.get("title"), seg.get("text"))
        if owner.setdefault(key, seg["step"]) == seg["step"]:
            first.add(seg["step"])
    return first


if __name__ == "__main__":
    main()
