import CSanziPrefetch

extension Array {
    /// Asks the processor to start loading the element at `index`, each cache line it spans (an
    /// element need not start on one); nothing when `index` is out of range. For
    /// `Model.prefetch`: a hint that changes nothing.
    func prefetch(_ index: Int) {
        guard indices.contains(index) else { return }
        withUnsafeBufferPointer { elements in
            guard let element = elements.baseAddress.map({ UnsafeRawPointer($0 + index) }) else { return }
            let size = MemoryLayout<Element>.size
            for line in stride(from: 0, to: size, by: 64) { sanzi_prefetch(element + line) }
            sanzi_prefetch(element + size - 1)
        }
    }
}
