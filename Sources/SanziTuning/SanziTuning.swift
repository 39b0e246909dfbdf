// SanziTuning
//
// Threshold tuning by replaying saved event logs under candidate thresholds.
//
// This module starts empty: its place in the data flow, and the direction of its
// dependencies, are fixed in Package.swift before its issue fills it in.
