extension UnsafeMutablePointer {
    /// Moves the first `count` elements into a new allocation of `capacity` and frees this
    /// one: how the engine's buffers grow.
    @usableFromInline
    func moved(count: Int, toCapacity capacity: Int) -> UnsafeMutablePointer {
        let larger = UnsafeMutablePointer.allocate(capacity: capacity)
        larger.moveInitialize(from: self, count: count)
        deallocate()
        return larger
    }
}
