"""The one input path of every estimator that takes sequences: check X, encode it."""

import numpy as np
from sklearn.utils.validation import check_array, validate_data

from .._alphabet import Alphabet, JointAlphabet, SequenceError, resolve_alphabet
from .._codec import _as_strings, _check_collection, encode
from ..encoding import EncodedInput


class _SequenceInput:
    """Checks X and encodes it: the one input path of every estimator that takes sequences.

    An estimator with an ``alphabet`` parameter gets :meth:`_encode`. At fit
    (``reset=True``) it sets ``alphabet_`` (None for numeric input),
    ``input_shape_`` (length, channels) and ``n_features_in_``; later calls
    check X against them and pad strings to the fitted length. X may also be
    an :class:`EncodedInput` (e.g. from :meth:`encode` or a file read once),
    which is checked, not encoded again.
    """

    def _encode(self, X, reset):
        """X as an :class:`EncodedInput`, checked against the fitted input when not reset."""
        if isinstance(X, EncodedInput):
            if not X.is_codes:
                return self._encode(X.values, reset)
            return self._encode_codes(X, reset)
        _check_collection(X)
        if hasattr(X, "__len__") and len(X) == 0:
            raise ValueError("X is empty: it holds 0 samples; pass at least one sequence.")
        strings = _as_strings(X)
        if strings is not None:
            return self._encode_strings(strings, reset)
        return self._encode_numeric(X, reset)

    def _encode_numeric(self, X, reset):
        """Numeric X as float32 (n_samples, length, channels), checked against the fit."""
        try:
            ndim = (X if isinstance(X, np.ndarray) else np.asarray(X)).ndim
        except ValueError:  # ragged nesting
            raise ValueError(
                "X holds items of different shapes; pass a list of sequences, a list of "
                "(sequence, structure) pairs, or a numeric array of one shape."
            ) from None
        if ndim == 1:
            raise ValueError(
                "Numeric X must have shape (n_samples, length) or (n_samples, length, "
                f"channels); got a 1-D array of {len(X)} values. Reshape your data: for one "
                "sequence of values, pass [X]."
            )
        if reset or self.alphabet_ is None:
            values = validate_data(self, X, reset=reset, allow_nd=True, dtype=np.float32)
        else:
            values = check_array(X, allow_nd=True, dtype=np.float32)
        if values.ndim == 2:
            values = values[:, :, np.newaxis]
        if values.ndim != 3:
            raise ValueError(
                "Numeric X must have shape (n_samples, length) or (n_samples, length, "
                f"channels); got a {values.ndim}-D array of shape {values.shape}."
            )
        if reset:
            self.alphabet_ = None
            self.input_shape_ = values.shape[1:]
        elif values.shape[1:] != self.input_shape_:
            raise ValueError(
                f"X has (length, channels) = {values.shape[1:]}, but the model was fit on "
                f"{self.input_shape_}; pass input of the shape it was fit on."
            )
        return EncodedInput(values, self.input_alphabet())

    def input_alphabet(self):
        """The alphabet whose one-hot symbols lead the channels of the network input.

        Returns
        -------
        Alphabet, JointAlphabet or None
            The fitted alphabet for string input; for numeric input the
            ``alphabet`` parameter when its symbols fit in the channels (a
            single alphabet only), else None.
        """
        if self.alphabet_ is not None:
            return self.alphabet_
        alphabet = resolve_alphabet(self.alphabet)
        readable = isinstance(alphabet, Alphabet) and alphabet.size <= self.input_shape_[1]
        return alphabet if readable else None

    def _encode_strings(self, strings, reset):
        alphabet = resolve_alphabet(self.alphabet)
        if reset:
            return self._encode_codes(EncodedInput(encode(strings, alphabet), alphabet), True)
        self._check_fitted_alphabet(alphabet)
        if not getattr(self, "random_crop", 0):
            return EncodedInput(encode(strings, alphabet, length=self.input_shape_[0]), alphabet)
        return self._encode_codes(EncodedInput(encode(strings, alphabet), alphabet), False)

    def _check_fitted_alphabet(self, alphabet):
        if self.alphabet_ is None:
            raise ValueError(
                "This model was fit on numeric arrays of (length, channels) = "
                f"{self.input_shape_}; pass numeric X of that shape, not strings."
            )
        if alphabet != self.alphabet_:
            raise ValueError(
                f"alphabet is {alphabet!s} but the model was fit with {self.alphabet_!s}; "
                "set the alphabet back or refit."
            )

    def _encode_codes(self, encoded, reset):
        """Symbol codes checked against the alphabet (and the fitted length when not reset)."""
        alphabet = resolve_alphabet(self.alphabet)
        if encoded.alphabet != alphabet:
            raise ValueError(
                f"The encoded input's alphabet is {encoded.alphabet!s} but this estimator's "
                f"alphabet is {alphabet!s}; encode with the estimator's alphabet."
            )
        if encoded.values.dtype != np.uint8 or (
            encoded.values.size and encoded.values.max() > alphabet.size
        ):
            raise ValueError(
                f"Encoded input must hold uint8 codes 0..{alphabet.size} (from "
                "skmotif's encoding); these are not."
            )
        if len(encoded) == 0:
            raise ValueError("X is empty: it holds 0 samples; pass at least one sequence.")
        if reset:
            self.alphabet_ = alphabet
            self.n_features_in_ = 2 if isinstance(alphabet, JointAlphabet) else 1
            self.input_shape_ = (encoded.length, alphabet.size)
            return encoded
        self._check_fitted_alphabet(alphabet)
        length = self.input_shape_[0]
        crop = getattr(self, "random_crop", 0)  # a model trained on random crops reads centres
        most = length + 2 * crop
        if encoded.length > most:
            too_long = np.flatnonzero((encoded.values[:, most:] != alphabet.size).any(axis=1))
            if too_long.size:
                i = int(too_long[0])
                read = f"{most} the model was fit on"
                raise SequenceError(
                    "Sequence",
                    i,
                    f"has {encoded.ends()[i]} positions, more than the {read}",
                    "Trim or split it, or refit on longer sequences.",
                )
        if crop:
            return encoded.central(length)
        if encoded.length <= length:
            padded = np.full((len(encoded), length), alphabet.size, np.uint8)
            padded[:, : encoded.length] = encoded.values
            return EncodedInput(padded, alphabet)
        return EncodedInput(np.ascontiguousarray(encoded.values[:, :length]), alphabet)
