// SanziTruth
//
// Ground truth: misconduct cases and look-alikes with the event ids they touched. Kept apart from the observable log; only evaluation and dataset labelling read it.
//
// This module starts empty: its place in the data flow, and the direction of its
// dependencies, are fixed in Package.swift before its issue fills it in.
