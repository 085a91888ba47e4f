"""The network core: its one description, how it is built, trained and run.

``description`` (the blocks, skips and head, from estimator parameters),
``auto`` (the length-aware ``"auto"`` parameters), ``build`` (the Keras
model), ``fast_pass`` (the training pass), ``train`` (the training loop and
its compiled copies), ``predict`` (batched prediction, both strands) and
``keras_setup`` (importing Keras, threads, saved bytes). Nothing outside the
package builds or runs a network another way.
"""
