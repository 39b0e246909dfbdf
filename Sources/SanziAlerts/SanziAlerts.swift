// SanziAlerts
//
// The integrity early-warning rules. They read the observable event log and nothing else: never the world, never the ground truth.
//
// This module starts empty: its place in the data flow, and the direction of its
// dependencies, are fixed in Package.swift before its issue fills it in.
