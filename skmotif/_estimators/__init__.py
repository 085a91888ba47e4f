"""The estimators: ConvMotifClassifier, SequenceEncoder, KernelActivationTransformer,
and the input checks they share (``fitted_input``). Users import them from ``skmotif``."""
