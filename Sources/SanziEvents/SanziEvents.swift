// SanziEvents
//
// The observable event vocabulary: event types, their fields, and the event log's reader and writer. The world writes it, the alert rules read it, and neither knows the other.
//
// This module starts empty: its place in the data flow, and the direction of its
// dependencies, are fixed in Package.swift before its issue fills it in.
