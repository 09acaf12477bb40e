"""A plain machine-learning peer of upr's classifier, scored like `evaluate`.

  benches/peers/.venv/bin/python benches/peers/classify_peer.py \
      ../shared/data/upr-info/sessions-1-5.csv ../shared/data/upr-info/sessions-6-9.csv

TF-IDF over word 1-2 grams and character 2-5 grams (within words), linear SVMs (scikit-learn's
LinearSVC, one-vs-rest for the 54 issues, one model for the 5 action categories). Trained on the
first file (sessions 1-5), scored on the second (sessions 6-9) with the metrics of
`tools/src/bin/evaluate.rs`: action accuracy and macro-F1 over rows with a human category;
issues micro and macro F1 over rows with at least one human issue, macro over the issues the
human labels use. Speed: vectorising and predicting the scored file, in MiB of text a second
(one process; training not counted). `bash benches/peers/run.sh classify` runs it in the peers'
virtual environment.
"""
import csv
import sys
import time

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.multiclass import OneVsRestClassifier
from sklearn.pipeline import FeatureUnion
from sklearn.preprocessing import MultiLabelBinarizer
from sklearn.svm import LinearSVC

SHOWN = [
    "General", "Other", "Development", "Treaty bodies",
    "Human rights violations by state agents", "Environment", "Freedom of movement",
    "Public security", "Justice",
]


def read(path):
    """(text, action or None, [issues]) per row of a UPR Info export (Mac OS Roman, CR)."""
    rows = []
    with open(path, encoding="mac_roman", newline="") as fh:
        for rec in csv.DictReader(fh):
            action = rec.get("Action", "").strip()
            issues = [i.strip() for i in rec.get("Issue", "").split(",") if i.strip()]
            rows.append((rec["Text"].strip(), int(action) if action else None, issues))
    return rows


def read_sessions(path):
    with open(path, encoding="mac_roman", newline="") as fh:
        return [rec["Session"].strip() for rec in csv.DictReader(fh)]


def vectorizer():
    return FeatureUnion([
        ("words", TfidfVectorizer(analyzer="word", ngram_range=(1, 2), sublinear_tf=True, min_df=2)),
        ("chars", TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True, min_df=2)),
    ])


def f1(tp, fp, fn):
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return (2 * p * r / (p + r) if p + r else 0.0), p, r


def fit(train, c_action, c_issues):
    vec = vectorizer()
    x_train = vec.fit_transform([t for t, _, _ in train])
    act_idx = [i for i, (_, a, _) in enumerate(train) if a is not None]
    action = LinearSVC(C=c_action).fit(x_train[act_idx], [train[i][1] for i in act_idx])
    iss_idx = [i for i, (_, _, s) in enumerate(train) if s]
    mlb = MultiLabelBinarizer()
    y = mlb.fit_transform([train[i][2] for i in iss_idx])
    issues = OneVsRestClassifier(LinearSVC(C=c_issues)).fit(x_train[iss_idx], y)
    return vec, action, mlb, issues


def score(model, test):
    """(action accuracy, action macro-F1, issues (micro, P, R), issues macro-F1, per-issue scores)."""
    vec, action, mlb, issues = model
    x = vec.transform([t for t, _, _ in test])
    pa, pi = action.predict(x), issues.predict(x)
    conf = np.zeros((5, 5), dtype=int)
    for (_, a, _), p in zip(test, pa):
        if a is not None:
            conf[a - 1][p - 1] += 1
    accuracy = np.trace(conf) / conf.sum()
    action_f1 = [f1(conf[c, c], conf[:, c].sum() - conf[c, c], conf[c, :].sum() - conf[c, c])[0]
                 for c in range(5)]
    names = list(mlb.classes_)
    scores = {}
    for (_, _, gold), row in zip(test, pi):
        if not gold:
            continue
        pred = {names[j] for j in np.flatnonzero(row)}
        for g in set(gold) | pred:
            s = scores.setdefault(g, [0, 0, 0])
            if g in gold and g in pred:
                s[0] += 1
            elif g in pred:
                s[1] += 1
            else:
                s[2] += 1
    tp, fp, fn = (sum(s[k] for s in scores.values()) for k in range(3))
    used = {g: s for g, s in scores.items() if s[0] + s[2] > 0}
    macro = sum(f1(*s)[0] for s in used.values()) / max(len(used), 1)
    return accuracy, float(np.mean(action_f1)), f1(tp, fp, fn), macro, scores, len(used)


def main(train_path, test_path):
    train, test = read(train_path), read(test_path)
    # C chosen on the training file alone: fit on sessions 1-4, score on session 5.
    sessions = [int(s) for s in read_sessions(train_path)]
    last = max(sessions)
    inner = [r for r, s in zip(train, sessions) if s != last]
    dev = [r for r, s in zip(train, sessions) if s == last]
    grid = (0.3, 1.0, 3.0)
    tuned = {c: score(fit(inner, c, c), dev) for c in grid}
    c_action = max(grid, key=lambda c: tuned[c][0] + tuned[c][1])
    c_issues = max(grid, key=lambda c: tuned[c][2][0] + tuned[c][3])
    t0 = time.perf_counter()
    model = fit(train, c_action, c_issues)
    trained = time.perf_counter() - t0
    vec, action, _, issues = model

    texts = [t for t, _, _ in test]
    size = sum(len(t.encode("utf-8")) for t in texts)
    best = float("inf")
    for _ in range(3):
        t0 = time.perf_counter()
        x = vec.transform(texts)
        pa = action.predict(x)
        pi = issues.predict(x)
        best = min(best, time.perf_counter() - t0)

    accuracy, action_macro, (micro, mp, mr), macro, scores, used = score(model, test)
    print(f"C (chosen on the training file, session {last} held out): action {c_action}, issues {c_issues}")
    print(f"train: {train_path} ({len(train)} rows, {trained:.1f} s)")
    print(f"test: {test_path} ({len(test)} rows, {size / 2**20:.2f} MiB of text)")
    print(f"action accuracy {accuracy:.3f} macro-F1 {action_macro:.3f}")
    print(f"issues micro-F1 {micro:.3f} (P {mp:.3f} R {mr:.3f}) macro-F1 {macro:.3f} over {used} issues")
    print(f"speed: {best * 1000:.0f} ms, {size / 2**20 / best:.2f} MiB/s (vectorise + predict, best of 3)")
    for name in SHOWN:
        print(f"issue {name}: F1 {f1(*scores.get(name, [0, 0, 0]))[0]:.3f}")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: classify_peer.py TRAIN.csv TEST.csv")
    main(sys.argv[1], sys.argv[2])
