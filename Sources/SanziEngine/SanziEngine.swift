// SanziEngine
//
// The domain-free discrete-event engine: integer ticks, a future-event list, cancellation, and seeded, splittable random streams. It knows nothing of villages, money or XML.
//
// This module starts empty: its place in the data flow, and the direction of its
// dependencies, are fixed in Package.swift before its issue fills it in.
