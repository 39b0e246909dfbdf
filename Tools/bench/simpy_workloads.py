#!/usr/bin/env python3
"""The engine benchmark's reference workloads in SimPy, printing the same JSON lines as
`sanzi-bench` so that compare.sh can put them side by side.

  A1  1,000 processes, each waiting Exp(1) and rescheduling itself, ~2 M events
  A2  the same with 100,000 processes
  B   M/M/c queue, c = 10, lambda = 9, mu = 1, ~450 k customers

Usage: python3 simpy_workloads.py [--workload A1,A2,B] [--repeat N] [--seed S]
"""
import argparse
import json
import random
import resource
import statistics
import time

import simpy


def exponential_processes(processes, horizon, seed):
    rng = random.Random(seed)
    env = simpy.Environment()
    counter = [0]

    def process(env):
        while True:
            yield env.timeout(rng.expovariate(1.0))
            counter[0] += 1

    for _ in range(processes):
        env.process(process(env))
    env.run(until=horizon)
    return {"events": counter[0]}


def server_queue(servers, arrival_rate, service_rate, horizon, seed):
    rng = random.Random(seed)
    env = simpy.Environment()
    desk = simpy.Resource(env, capacity=servers)
    waits = []
    events = [0]

    def customer(env):
        arrived = env.now
        with desk.request() as request:
            yield request
            waits.append(env.now - arrived)
            yield env.timeout(rng.expovariate(service_rate))
            events[0] += 1

    def arrivals(env):
        while True:
            yield env.timeout(rng.expovariate(arrival_rate))
            events[0] += 1
            env.process(customer(env))

    env.process(arrivals(env))
    env.run(until=horizon)
    return {"events": events[0], "customers": len(waits), "mean_wait": sum(waits) / max(len(waits), 1)}


WORKLOADS = {
    "A1": lambda seed: exponential_processes(1_000, 2_000, seed),
    "A2": lambda seed: exponential_processes(100_000, 20, seed),
    "B": lambda seed: server_queue(10, 9.0, 1.0, 50_000, seed),
}


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--workload", default="A1,A2,B")
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--seed", type=int, default=1)
    arguments = parser.parse_args()
    for name in arguments.workload.split(","):
        times = []
        for _ in range(arguments.repeat):
            start = time.perf_counter()
            result = WORKLOADS[name](arguments.seed)
            times.append(time.perf_counter() - start)
        seconds = statistics.median(times)
        row = {
            "workload": name,
            "engine": "simpy " + simpy.__version__,
            "events": result["events"],
            "seconds": round(seconds, 4),
            "events_per_second": round(result["events"] / seconds),
            "peak_rss_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        }
        if "customers" in result:
            row["customers_per_second"] = round(result["customers"] / seconds)
            row["mean_wait"] = round(result["mean_wait"], 4)
        print(json.dumps(row), flush=True)


if __name__ == "__main__":
    main()
