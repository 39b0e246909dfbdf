// SanziDatasets
//
// Labelled training datasets built from event logs, alerts and ground truth.
//
// This module starts empty: its place in the data flow, and the direction of its
// dependencies, are fixed in Package.swift before its issue fills it in.
