// Placeholder so the package builds while this target is written; delete when real files exist.
