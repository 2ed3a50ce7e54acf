"""The combined tolerance every comparison uses: |s − r| ≤ atol·max|r| + rtol·|r| + floor."""

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class Tolerance:
    """rtol per element, atol relative to the largest |r|, and an absolute floor."""

    rtol: float = 1e-6
    atol: float = 1e-7
    floor: float = 1e-12

    def bound(self, r: np.ndarray) -> np.ndarray:
        """The largest |s − r| allowed at each element of the reference r."""
        size = np.abs(r)
        scale = float(size.max()) if size.size else 0.0
        return self.atol * scale + self.rtol * size + self.floor

    def close(self, s: np.ndarray, r: np.ndarray) -> bool:
        """True when s and r (same shape, finite r) agree everywhere."""
        with np.errstate(all="ignore"):
            return bool(np.all(np.abs(s - r) <= self.bound(r)))


DEFAULT = Tolerance()
