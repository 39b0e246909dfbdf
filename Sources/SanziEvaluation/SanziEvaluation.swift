// SanziEvaluation
//
// Alerts scored against ground truth: precision, recall, loss caught, detection delay, workload.
//
// This module starts empty: its place in the data flow, and the direction of its
// dependencies, are fixed in Package.swift before its issue fills it in.
