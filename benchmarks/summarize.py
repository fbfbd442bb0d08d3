#!/usr/bin/env python3
"""Summarises JMH JSON results (-rf json) for docs/benchmarks.md.

For every benchmark (iterations pooled over every file that holds it): JMH's mean (the mean of
the runs) and the largest 99.9% error of a run, the median and the best of the measurement
iterations (on a machine shared with other work, preemption only ever makes an iteration slower,
so the median and the best are the robust figures), and gc.alloc.rate.norm when -prof gc ran.
Then the ratios checkmetrics / client_java and checkmetrics / Micrometer, by median.

    python3 benchmarks/summarize.py results.json [more.json ...]
"""
import json
import re
import statistics
import sys


def load(paths):
    """Merges runs: the iterations of a benchmark found in several files are pooled."""
    rows = {}
    for path in paths:
        for b in json.load(open(path)):
            name = b['benchmark'].rsplit('.', 2)
            key = name[-2] + '.' + name[-1]
            params = b.get('params') or {}
            if params:
                key += '(' + ','.join(f'{k}={v}' for k, v in params.items()) + ')'
            r = rows.setdefault(key, {'runs': [], 'iterations': [], 'alloc': [],
                                      'unit': b['primaryMetric']['scoreUnit'],
                                      'threads': b['threads']})
            r['runs'].append((b['primaryMetric']['score'], b['primaryMetric']['scoreError']))
            r['iterations'].extend(x for fork in b['primaryMetric']['rawData'] for x in fork)
            alloc = b.get('secondaryMetrics', {}).get('gc.alloc.rate.norm')
            if alloc:
                r['alloc'].append(alloc['score'])
    for r in rows.values():
        r['mean'] = statistics.mean(score for score, _ in r['runs'])
        r['error'] = max(error for _, error in r['runs'])
        r['median'] = statistics.median(r['iterations'])
        r['best'] = min(r['iterations'])
        r['alloc'] = statistics.mean(r['alloc']) if r['alloc'] else None
    return rows


PEERS = (('checkmetrics', 'checkmetrics'), ('clientjava', 'client_java'), ('micrometer', 'micrometer'))


def peer(key):
    """('client_java', 'RecordBenchmark.#4Threads') for 'RecordBenchmark.clientJava4Threads'."""
    for token, who in PEERS:
        m = re.search(token, key, re.IGNORECASE)
        if m:
            return who, key[:m.start()] + '#' + key[m.end():]
    return None, key


def main(paths):
    rows = load(paths)
    print('| benchmark | threads | runs | JMH mean ± error (worst run) | median | best | alloc B/op |')
    print('|---|---|---|---|---|---|---|')
    for key, r in rows.items():
        alloc = '' if r['alloc'] is None else f"{r['alloc']:,.1f}"
        print(f"| {key} | {r['threads']} | {len(r['runs'])} "
              f"| {r['mean']:,.3f} ± {r['error']:,.3f} {r['unit']} "
              f"| {r['median']:,.3f} | {r['best']:,.3f} | {alloc} |")
    groups = {}
    for key, r in rows.items():
        who, slot = peer(key)
        if who:
            groups.setdefault(slot, {})[who] = r
    print()
    print('| comparison | checkmetrics / client_java (median, best) | checkmetrics / Micrometer (median, best) |')
    print('|---|---|---|')
    for slot, g in groups.items():
        if 'checkmetrics' not in g:
            continue
        c = g['checkmetrics']
        cells = []
        for who in ('client_java', 'micrometer'):
            o = g.get(who)
            cells.append('' if o is None else
                         f"{c['median'] / o['median']:.2f} ({c['best'] / o['best']:.2f})")
        print(f"| {slot} | {cells[0]} | {cells[1]} |")


if __name__ == '__main__':
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    main(sys.argv[1:])
