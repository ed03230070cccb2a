"""Small pure functions shared by the notebooks in docs/notebooks/ (numpy only, no plotting).

Two groups:

- constant-elasticity demand, for "The Jevons paradox in numbers";
- softmax with temperature, cross-entropy, a tiny multi-layer perceptron (forward and backward pass),
  a distillation loss and a toy data set, for "Distillation in a minute".

Everything here is deterministic given its inputs (random numbers come from a generator passed in),
so the unit tests in tests/test_notebooks.py can check it without running a notebook.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
from numpy.typing import NDArray

Array = NDArray[np.float64]

# --- Constant-elasticity demand ---------------------------------------------------------------


def demand(price: float | Array, elasticity: float, scale: float = 1.0) -> float | Array:
    """Quantity demanded, Q = A · P^(−ε), for price P > 0, elasticity ε ≥ 0 and scale A > 0."""
    _check_demand(price, elasticity, scale)
    return scale * np.power(price, -elasticity)


def spending(price: float | Array, elasticity: float, scale: float = 1.0) -> float | Array:
    """Total spending, S = P · Q = A · P^(1−ε)."""
    _check_demand(price, elasticity, scale)
    return scale * np.power(price, 1.0 - elasticity)


def usage_multiplier(old_price: float, new_price: float, elasticity: float) -> float:
    """How many times usage grows when the price moves from old to new: (P_old / P_new)^ε."""
    _check_demand(np.array([old_price, new_price]), elasticity, 1.0)
    return float((old_price / new_price) ** elasticity)


def spending_multiplier(old_price: float, new_price: float, elasticity: float) -> float:
    """How many times total spending changes when the price moves from old to new: (P_old / P_new)^(ε−1)."""
    _check_demand(np.array([old_price, new_price]), elasticity, 1.0)
    return float((old_price / new_price) ** (elasticity - 1.0))


def usage_needed(old_price: float, new_price: float, spending_growth: float = 1.0) -> float:
    """How many times usage must grow for spending to change by `spending_growth` (1 = stay flat).

    S_new / S_old = (P_new · Q_new) / (P_old · Q_old), so Q_new / Q_old = growth · P_old / P_new,
    whatever the elasticity.
    """
    _check_demand(np.array([old_price, new_price]), 0.0, 1.0)
    if spending_growth <= 0:
        raise ValueError("spending_growth must be positive")
    return float(spending_growth * old_price / new_price)


def _check_demand(price: float | Array, elasticity: float, scale: float) -> None:
    if np.any(np.asarray(price) <= 0):
        raise ValueError("prices must be positive")
    if elasticity < 0:
        raise ValueError("elasticity must be zero or positive (demand falls as the price rises)")
    if scale <= 0:
        raise ValueError("scale must be positive")


# --- Softmax, cross-entropy, distillation loss ------------------------------------------------


def softmax(logits: Array, temperature: float = 1.0) -> Array:
    """Row-wise softmax of logits / T; a higher temperature T gives flatter probabilities."""
    if temperature <= 0:
        raise ValueError("temperature must be positive")
    z = np.asarray(logits, dtype=np.float64) / temperature
    z = z - z.max(axis=-1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=-1, keepdims=True)


def log_softmax(logits: Array, temperature: float = 1.0) -> Array:
    """Row-wise log of softmax(logits, T), computed stably."""
    if temperature <= 0:
        raise ValueError("temperature must be positive")
    z = np.asarray(logits, dtype=np.float64) / temperature
    z = z - z.max(axis=-1, keepdims=True)
    return z - np.log(np.exp(z).sum(axis=-1, keepdims=True))


def one_hot(labels: NDArray[np.integer], classes: int) -> Array:
    """Rows of zeros with a one in each label's column."""
    out = np.zeros((len(labels), classes))
    out[np.arange(len(labels)), labels] = 1.0
    return out


def cross_entropy(logits: Array, targets: Array, temperature: float = 1.0) -> float:
    """Mean of −Σ targets · log softmax(logits / T) over the rows that have a target.

    Targets are probability rows; a row of zeros means "no target for this point" and is skipped.
    """
    has_target = targets.sum(axis=1) > 0
    if not has_target.any():
        return 0.0
    per_row = -(targets * log_softmax(logits, temperature)).sum(axis=1)
    return float(per_row[has_target].mean())


def cross_entropy_grad(logits: Array, targets: Array, temperature: float = 1.0) -> Array:
    """Gradient of `cross_entropy` with respect to the logits: (softmax(z/T) − targets) / (T · m).

    m is the number of rows with a target; rows without one get a zero gradient.
    """
    has_target = targets.sum(axis=1, keepdims=True) > 0
    m = max(int(has_target.sum()), 1)
    return (softmax(logits, temperature) - targets) * has_target / (temperature * m)


def distillation_loss(
    logits: Array,
    hard_targets: Array | None,
    soft_targets: Array | None,
    temperature: float,
    alpha: float,
) -> tuple[float, Array]:
    """Hinton-style distillation loss and its gradient with respect to the student's logits.

    loss = alpha · T² · CE(soft_targets, softmax(z/T)) + (1 − alpha) · CE(hard_targets, softmax(z)).

    The T² factor keeps the soft term's gradients the same size as the hard term's when T changes.
    Rows whose hard target is all zeros (unlabelled points) are left out of the hard term, so the two
    terms can be computed over one batch of labelled and unlabelled points. Either target may be None
    to drop that term.
    """
    loss = 0.0
    grad = np.zeros_like(logits)
    if soft_targets is not None and alpha > 0:
        t2 = temperature**2
        loss += alpha * t2 * cross_entropy(logits, soft_targets, temperature)
        grad += alpha * t2 * cross_entropy_grad(logits, soft_targets, temperature)
    if hard_targets is not None and alpha < 1:
        loss += (1 - alpha) * cross_entropy(logits, hard_targets, 1.0)
        grad += (1 - alpha) * cross_entropy_grad(logits, hard_targets, 1.0)
    return loss, grad


# --- A tiny multi-layer perceptron ------------------------------------------------------------

Params = list[tuple[Array, Array]]


def init_mlp(sizes: list[int], rng: np.random.Generator) -> Params:
    """Weights (He initialisation) and zero biases for layers of the given sizes, input first."""
    return [
        (rng.normal(0.0, np.sqrt(2.0 / n_in), size=(n_in, n_out)), np.zeros(n_out))
        for n_in, n_out in zip(sizes[:-1], sizes[1:], strict=False)
    ]


def count_params(params: Params) -> int:
    """Number of weights and biases."""
    return sum(w.size + b.size for w, b in params)


def mlp_forward(params: Params, x: Array) -> tuple[Array, list[Array]]:
    """Logits of a ReLU network, and the activations the backward pass needs (input first)."""
    activations = [x]
    h = x
    for i, (w, b) in enumerate(params):
        h = h @ w + b
        if i < len(params) - 1:
            h = np.maximum(h, 0.0)
        activations.append(h)
    return h, activations


def mlp_backward(params: Params, activations: list[Array], grad_logits: Array) -> Params:
    """Gradients of the loss for every (weight, bias), given dLoss/dlogits and mlp_forward's activations."""
    grads: Params = []
    g = grad_logits
    for i in range(len(params) - 1, -1, -1):
        w, _ = params[i]
        a_in = activations[i]
        grads.append((a_in.T @ g, g.sum(axis=0)))
        if i > 0:
            g = (g @ w.T) * (a_in > 0)
    return grads[::-1]


def predict(params: Params, x: Array) -> NDArray[np.int64]:
    """The class with the largest logit for each row."""
    return mlp_forward(params, x)[0].argmax(axis=1)


def accuracy(params: Params, x: Array, labels: NDArray[np.integer]) -> float:
    """Share of rows whose predicted class equals the label."""
    return float((predict(params, x) == labels).mean())


@dataclass
class Adam:
    """The Adam variant of gradient descent, with its running averages for one set of parameters."""

    lr: float = 0.01
    beta1: float = 0.9
    beta2: float = 0.999
    eps: float = 1e-8
    weight_decay: float = 0.0
    step_count: int = 0
    m: list[Array] = field(default_factory=list)
    v: list[Array] = field(default_factory=list)

    def step(self, params: Params, grads: Params) -> Params:
        """Return the updated parameters (the inputs are not modified)."""
        flat_p = [a for pair in params for a in pair]
        flat_g = [a for pair in grads for a in pair]
        if not self.m:
            self.m = [np.zeros_like(p) for p in flat_p]
            self.v = [np.zeros_like(p) for p in flat_p]
        self.step_count += 1
        out = []
        for i, (p, g) in enumerate(zip(flat_p, flat_g, strict=False)):
            if self.weight_decay and p.ndim == 2:
                g = g + self.weight_decay * p
            self.m[i] = self.beta1 * self.m[i] + (1 - self.beta1) * g
            self.v[i] = self.beta2 * self.v[i] + (1 - self.beta2) * g * g
            m_hat = self.m[i] / (1 - self.beta1**self.step_count)
            v_hat = self.v[i] / (1 - self.beta2**self.step_count)
            out.append(p - self.lr * m_hat / (np.sqrt(v_hat) + self.eps))
        return [(out[2 * k], out[2 * k + 1]) for k in range(len(params))]


LossFn = Callable[[Array], tuple[float, Array]]


def train(params: Params, x: Array, loss_fn: LossFn, steps: int, optimiser: Adam) -> tuple[Params, list[float]]:
    """Full-batch training: `loss_fn(logits)` returns (loss, dLoss/dlogits). Returns the new params and the losses."""
    losses = []
    for _ in range(steps):
        logits, acts = mlp_forward(params, x)
        loss, grad = loss_fn(logits)
        losses.append(loss)
        params = optimiser.step(params, mlp_backward(params, acts, grad))
    return params, losses


# --- A toy classification task ----------------------------------------------------------------


def spiral(
    n: int, classes: int, rng: np.random.Generator, noise: float = 0.2, turns: float = 1.0
) -> tuple[Array, NDArray[np.int64]]:
    """`n` points in the plane, in `classes` interleaved spiral arms, with Gaussian noise; returns (x, labels)."""
    labels = rng.integers(0, classes, size=n)
    r = rng.uniform(0.05, 1.0, size=n)
    angle = 2 * np.pi * (turns * r + labels / classes) + rng.normal(0.0, noise, size=n)
    x = np.column_stack([r * np.cos(angle), r * np.sin(angle)])
    return x, labels
