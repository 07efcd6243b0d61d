#!/usr/bin/env python3
"""Time shell commands against each other: every repetition runs each command once, in
turn (so cache state and machine noise hit all of them alike), after one untimed warm-up
run of each.

    measure.py REPS NAME 'COMMAND' [NAME 'COMMAND' ...]

Prints one line per command: NAME, median seconds, min, max, and the REPS samples.
"""
import statistics
import subprocess
import sys
import time


def run(cmd):
    t = time.perf_counter()
    subprocess.run(cmd, shell=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - t


def main(argv):
    if len(argv) < 4 or len(argv) % 2 != 0:
        sys.stderr.write(__doc__)
        return 2
    reps = int(argv[1])
    pairs = list(zip(argv[2::2], argv[3::2]))
    samples = {name: [] for name, _ in pairs}
    for _, cmd in pairs:
        run(cmd)
    for _ in range(reps):
        for name, cmd in pairs:
            samples[name].append(run(cmd))
    for name, _ in pairs:
        s = samples[name]
        print("%s\t%.6f\t%.6f\t%.6f\t%s" % (name, statistics.median(s), min(s), max(s),
                                            ",".join("%.6f" % x for x in s)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
