"""Evaluate step of the lab 07 pipeline (a SageMaker processing job on the built-in XGBoost image, which has
xgboost, pandas and scikit-learn).

Loads the model the Train step wrote (/opt/ml/processing/input/model/model.tar.gz), scores the test split and
writes /opt/ml/processing/evaluation/evaluation.json in the model quality format the model registry shows
(binary_classification_metrics: auc, accuracy, precision, recall, f1). The pipeline's CheckMetric step reads
binary_classification_metrics.auc.value from it.
"""
import json
import os
import pickle
import tarfile

import numpy as np
import xgboost as xgb
from sklearn.metrics import accuracy_score, f1_score, precision_score, recall_score, roc_auc_score

LOCAL = "/opt/ml/processing"


def load_model(folder):
    with tarfile.open(f"{folder}/model.tar.gz") as tar:
        tar.extractall(folder)
    path = f"{folder}/xgboost-model"
    try:
        booster = xgb.Booster()
        booster.load_model(path)
        return booster
    except Exception:  # older containers pickled the booster
        with open(path, "rb") as f:
            return pickle.load(f)


def report(labels, scores):
    predicted = (scores >= 0.5).astype(int)
    metric = lambda value: {"value": float(value), "standard_deviation": "NaN"}
    return {
        "binary_classification_metrics": {
            "auc": metric(roc_auc_score(labels, scores)),
            "accuracy": metric(accuracy_score(labels, predicted)),
            "precision": metric(precision_score(labels, predicted, zero_division=0)),
            "recall": metric(recall_score(labels, predicted, zero_division=0)),
            "f1": metric(f1_score(labels, predicted, zero_division=0)),
        }
    }


def main():
    model = load_model(f"{LOCAL}/input/model")
    data = np.loadtxt(f"{LOCAL}/input/test/test.csv", delimiter=",", ndmin=2)
    labels, features = data[:, 0], data[:, 1:]
    scores = model.predict(xgb.DMatrix(features))
    result = report(labels, scores)
    os.makedirs(f"{LOCAL}/evaluation", exist_ok=True)
    with open(f"{LOCAL}/evaluation/evaluation.json", "w") as f:
        json.dump(result, f)
    print(f"Evaluate: {json.dumps(result)}")


if __name__ == "__main__":
    main()
