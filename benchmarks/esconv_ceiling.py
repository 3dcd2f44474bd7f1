"""How far ESConv's own labels can be predicted: a supervised yardstick for the analyser's figures.

ESConv gives each supporter turn one strategy, though many turns do two things ("I'm sorry to
hear that. Have you talked to her?"). This script trains logistic regressions on the development
part's own turns (word 1-3-grams and character 2-5-grams of the reply, words of what the seeker
said, and with --findings the analyser's four findings too) and scores them by 5-fold
cross-validation, each task at the C and threshold that do best on the folds themselves: an
optimistic ceiling for a model that has seen ESConv, which the rule-based analyser has not.
It is a measurement, not part of the course: nothing from it is stored or shipped.

Needs scikit-learn, which the course does not install:
    python3 -m venv /tmp/ml && /tmp/ml/bin/pip install scikit-learn
    PYTHONPATH=. /tmp/ml/bin/python benchmarks/esconv_ceiling.py --esconv DIR [--findings]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import esconv  # noqa: E402  (benchmarks/esconv.py, beside this file)


def main() -> None:
    """Print the cross-validated F1 of each task and the 4-way macro-F1."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--esconv", type=Path, required=True, help="the folder with ESConv")
    parser.add_argument("--findings", action="store_true",
                        help="also give the model the analyser's findings as features")
    args = parser.parse_args()
    try:
        import numpy as np
        from scipy.sparse import csr_matrix, hstack
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.linear_model import LogisticRegression
        from sklearn.metrics import f1_score
        from sklearn.model_selection import StratifiedKFold, cross_val_predict
    except ImportError:
        raise SystemExit("This yardstick needs scikit-learn; see the docstring for how to run it.") from None
    rows = [t for t in esconv.turns(args.esconv) if not t.held_aside]
    parts = [TfidfVectorizer(ngram_range=(1, 3), min_df=2, sublinear_tf=True).fit_transform(
                 [t.reply for t in rows]),
             TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), min_df=3, sublinear_tf=True,
                             max_features=200_000).fit_transform([t.reply for t in rows]),
             0.3 * TfidfVectorizer(min_df=3, sublinear_tf=True).fit_transform([t.peer_said for t in rows])]
    if args.findings:
        parts.append(csr_matrix(np.array([[float(v) for v in esconv.analyser(t).values()]
                                          for t in rows])))
    features = hstack(parts).tocsr()
    truths = [esconv.gold(t) for t in rows]
    folds = StratifiedKFold(5, shuffle=True, random_state=0)
    print(f"ESConv development part, {len(rows)} turns, 5-fold cross-validation"
          f"{' with the analyser findings' if args.findings else ''}:")
    for task in esconv.TASKS:
        y = np.array([g[task] for g in truths])
        best = 0.0
        for c in (1, 3, 10):
            model = LogisticRegression(C=c, max_iter=2000, class_weight="balanced")
            p = cross_val_predict(model, features, y, cv=folds, method="predict_proba")[:, 1]
            best = max([best] + [f1_score(y, p > t) for t in np.arange(0.2, 0.8, 0.05)])
        print(f"  {task + ' vs not':32} F1 {best:.3f}")
    classes = np.array([esconv.four_way(g) for g in truths])
    best = 0.0
    for c in (1, 3, 10):
        model = LogisticRegression(C=c, max_iter=3000, class_weight="balanced")
        best = max(best, f1_score(classes, cross_val_predict(model, features, classes, cv=folds),
                                  average="macro"))
    print(f"  {'4-way macro-F1':32}    {best:.3f}")


if __name__ == "__main__":
    main()
