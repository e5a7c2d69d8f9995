"""Prepare step of the lab 07 pipeline (runs in a SageMaker processing job on the built-in XGBoost image).

Reads the raw rows (CSV, label first, no header) from /opt/ml/processing/input/raw, shuffles them with a fixed
seed and writes 70% to train, 15% to validation and 15% to test, each in the format the built-in XGBoost
algorithm reads (label in the first column, no header). The job has no network: everything it needs is in the
container and its inputs.
"""
import glob
import os
import random

LOCAL = "/opt/ml/processing"
SEED = 20261202


def split(rows, seed=SEED):
    rows = list(rows)
    random.Random(seed).shuffle(rows)
    n_train = int(len(rows) * 0.70)
    n_validation = int(len(rows) * 0.15)
    return {
        "train": rows[:n_train],
        "validation": rows[n_train:n_train + n_validation],
        "test": rows[n_train + n_validation:],
    }


def main():
    rows = []
    for path in sorted(glob.glob(f"{LOCAL}/input/raw/*.csv")):
        with open(path) as f:
            rows.extend(line.strip() for line in f if line.strip())
    if len(rows) < 20:
        raise SystemExit(f"Prepare: expected at least 20 raw rows, found {len(rows)}.")
    for name, part in split(rows).items():
        os.makedirs(f"{LOCAL}/{name}", exist_ok=True)
        with open(f"{LOCAL}/{name}/{name}.csv", "w") as f:
            f.write("\n".join(part) + "\n")
        print(f"Prepare: {len(part)} rows to {name}")


if __name__ == "__main__":
    main()
