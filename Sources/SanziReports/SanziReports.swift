// SanziReports
//
// Anomaly reports for analysts, built from alerts and their evaluation.
//
// This module starts empty: its place in the data flow, and the direction of its
// dependencies, are fixed in Package.swift before its issue fills it in.
