#!/usr/bin/env python3
"""Generate the default sample dataset, src/main/resources/datasets/Housing.csv.

Standard library only, seeded, so the file is the same on every run and the true answers to the
usual questions are known: prices follow a documented linear model plus Gaussian noise
(see docs/sample-dataset.md). The columns are those of the original Auto-Analyst Housing.csv.

    /usr/bin/python3 scripts/make_housing_dataset.py            # rewrite the CSV, print the facts
    /usr/bin/python3 scripts/make_housing_dataset.py --check    # verify the stored CSV is what the script makes
"""
import csv
import io
import random
import sys
from pathlib import Path

SEED = 20240545
ROWS = 545
OUT = Path(__file__).resolve().parent.parent / "src/main/resources/datasets/Housing.csv"

# price = INTERCEPT + sum(coefficient * feature) + noise, noise ~ N(0, NOISE_SD), then rounded to 1,000
INTERCEPT = 500_000
COEFFICIENTS = {
    "area": 250,                # per square foot
    "bedrooms": 150_000,
    "bathrooms": 900_000,
    "stories": 400_000,
    "mainroad": 350_000,        # yes = 1
    "guestroom": 250_000,
    "basement": 300_000,
    "hotwaterheating": 600_000,
    "airconditioning": 800_000,
    "parking": 250_000,
    "prefarea": 550_000,
    "furnished": 400_000,       # furnishingstatus dummies, unfurnished = baseline
    "semi-furnished": 200_000,
}
NOISE_SD = 600_000
COLUMNS = ["price", "area", "bedrooms", "bathrooms", "stories", "mainroad", "guestroom", "basement",
           "hotwaterheating", "airconditioning", "parking", "prefarea", "furnishingstatus"]
FLAGS = {"mainroad": 0.86, "guestroom": 0.18, "basement": 0.35, "hotwaterheating": 0.05,
         "airconditioning": 0.32, "prefarea": 0.23}


def generate():
    rng = random.Random(SEED)
    rows = []
    for _ in range(ROWS):
        area = int(min(16200, max(1650, round(rng.lognormvariate(8.5, 0.35) / 10) * 10)))
        bedrooms = rng.choices([1, 2, 3, 4, 5, 6], weights=[2, 136, 300, 95, 10, 2])[0]
        bathrooms = rng.choices([1, 2, 3, 4], weights=[401, 133, 10, 1])[0]
        stories = rng.choices([1, 2, 3, 4], weights=[227, 238, 39, 41])[0]
        parking = rng.choices([0, 1, 2, 3], weights=[299, 126, 108, 12])[0]
        flags = {name: "yes" if rng.random() < p else "no" for name, p in FLAGS.items()}
        furnishing = rng.choices(["furnished", "semi-furnished", "unfurnished"], weights=[140, 227, 178])[0]
        features = features_of(area, bedrooms, bathrooms, stories, parking, flags, furnishing)
        price = INTERCEPT + sum(COEFFICIENTS[k] * v for k, v in features.items()) + rng.gauss(0, NOISE_SD)
        price = int(max(1_000_000, round(price / 1000) * 1000))
        rows.append([price, area, bedrooms, bathrooms, stories, flags["mainroad"], flags["guestroom"],
                     flags["basement"], flags["hotwaterheating"], flags["airconditioning"], parking,
                     flags["prefarea"], furnishing])
    return rows


def features_of(area, bedrooms, bathrooms, stories, parking, flags, furnishing):
    f = {"area": area, "bedrooms": bedrooms, "bathrooms": bathrooms, "stories": stories, "parking": parking}
    for name in FLAGS:
        f[name] = 1 if flags[name] == "yes" else 0
    f["furnished"] = 1 if furnishing == "furnished" else 0
    f["semi-furnished"] = 1 if furnishing == "semi-furnished" else 0
    return f


def to_csv(rows):
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(COLUMNS)
    writer.writerows(rows)
    return buffer.getvalue()


def ols(rows):
    """Least squares of price on every feature (with intercept), by the normal equations."""
    names = list(COEFFICIENTS)
    x, y = [], []
    for r in rows:
        flags = dict(zip(["mainroad", "guestroom", "basement", "hotwaterheating", "airconditioning"], r[5:10]))
        flags["prefarea"] = r[11]
        f = features_of(r[1], r[2], r[3], r[4], r[10], flags, r[12])
        x.append([1.0] + [float(f[n]) for n in names])
        y.append(float(r[0]))
    k = len(x[0])
    a = [[sum(row[i] * row[j] for row in x) for j in range(k)] + [sum(row[i] * t for row, t in zip(x, y))] for i in range(k)]
    for col in range(k):  # Gauss-Jordan with partial pivoting
        pivot = max(range(col, k), key=lambda r: abs(a[r][col]))
        a[col], a[pivot] = a[pivot], a[col]
        for r in range(k):
            if r != col:
                factor = a[r][col] / a[col][col]
                a[r] = [v - factor * p for v, p in zip(a[r], a[col])]
    beta = [a[i][k] / a[i][i] for i in range(k)]
    return dict(zip(["intercept"] + names, beta))


def facts(rows):
    n = len(rows)
    mean = lambda i: sum(r[i] for r in rows) / n
    print(f"rows {n}")
    for i, name in enumerate(COLUMNS[:5] + ["parking"]):
        idx = COLUMNS.index(name)
        print(f"mean({name}) {mean(idx):.6f}  min {min(r[idx] for r in rows)}  max {max(r[idx] for r in rows)}")
    print(f"sum(price) {sum(r[0] for r in rows)}")
    for name in FLAGS:
        idx = COLUMNS.index(name)
        print(f"count({name} = yes) {sum(1 for r in rows if r[idx] == 'yes')}")
    for status in ["furnished", "semi-furnished", "unfurnished"]:
        group = [r[0] for r in rows if r[12] == status]
        print(f"furnishingstatus {status}: count {len(group)}, mean price {sum(group) / len(group):.6f}")
    for name, value in ols(rows).items():
        print(f"OLS {name} {value:.4f}")


def main():
    rows = generate()
    text = to_csv(rows)
    if "--check" in sys.argv:
        same = OUT.read_text(encoding="utf-8") == text
        print("Housing.csv is up to date" if same else "Housing.csv differs from the generator's output")
        sys.exit(0 if same else 1)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(text, encoding="utf-8")
    facts(rows)


if __name__ == "__main__":
    main()
