"""Runs the calls analysis code uses most on frames loaded as the kernel loads them, and on the same
data read by plain pd.read_csv; reports every call that raises on ours but not on pandas' own frame,
and every numeric or boolean column whose dtype differs from pandas' own (unless ours kept as text
what pandas would change, such as the leading zeros of a zip code).

Input (argv[1]): a JSON list of {"name", "loader", "csv"}: loader is the kernel's loader code (binds df),
csv the kernel copy the loader reads. Output: one JSON line per dataset:
{"name", "checks": n, "regressions": [...], "dtype_differences": [...], "dtypes": {...}}.
"""
import json
import sys
import warnings

import numpy as np
import pandas as pd
import plotly.express as px
import scipy.stats as stats
import statsmodels.api as sm
import statsmodels.formula.api as smf
from sklearn.cluster import KMeans
from sklearn.ensemble import RandomForestRegressor
from sklearn.linear_model import LinearRegression
from sklearn.model_selection import train_test_split

warnings.filterwarnings("ignore")


def numeric(df):
    return [c for c in df.columns if pd.api.types.is_numeric_dtype(df[c]) and not pd.api.types.is_bool_dtype(df[c])]


def categorical(df):
    return [c for c in df.columns if df[c].dtype == object and 1 < df[c].nunique() <= 20]


def q(name):
    return 'Q("' + str(name).replace('\\', '\\\\').replace('"', '\\"') + '")'


def plan(df):
    """Which columns the calls use, chosen once from our frame so that pandas' own frame gets the same calls."""
    return {"nums": numeric(df), "cats": categorical(df),
            "dates": [c for c in df.columns if pd.api.types.is_datetime64_any_dtype(df[c])]}


def checks(df, columns):
    """(name, thunk) pairs; each thunk runs one call the way model-written code does."""
    nums = columns["nums"]
    cats = columns["cats"]
    out = [
        ("describe(include='all')", lambda: df.describe(include="all")),
        ("describe()", lambda: df.describe()),
        ("corr(numeric_only=True)", lambda: df.corr(numeric_only=True)),
        ("to_csv", lambda: df.to_csv()),
        ("to_json", lambda: df.to_json()),
        ("to_json(records)", lambda: df.head(50).to_json(orient="records", date_format="iso")),
        ("isnull().sum()", lambda: df.isnull().sum()),
        ("dtypes", lambda: df.dtypes.astype(str).to_dict()),
    ]
    for c in list(df.columns)[:12]:
        out.append((f"value_counts[{c}]", lambda c=c: df[c].value_counts()))
        out.append((f"nunique[{c}]", lambda c=c: df[c].nunique()))
    for c in nums[:6]:
        s = df[c]
        out += [
            (f"np.mean[{c}]", lambda s=s: float(np.mean(s))),
            (f"np.std[{c}]", lambda s=s: float(np.std(s))),
            (f"np.percentile[{c}]", lambda s=s: np.percentile(s.dropna(), [25, 50, 75])),
            (f"np.log1p[{c}]", lambda s=s: np.log1p(s.abs())),
            (f"quantile[{c}]", lambda s=s: s.quantile([0.25, 0.75])),
            (f"px.histogram[{c}]", lambda c=c: px.histogram(df, x=c).to_json()),
            (f"px.box[{c}]", lambda c=c: px.box(df, y=c).to_json()),
            (f"zscore[{c}]", lambda s=s: stats.zscore(s.dropna())),
            (f"astype(float)[{c}]", lambda s=s: s.astype(float)),
        ]
    if len(nums) >= 2:
        a, b = nums[0], nums[1]
        pair = df[[a, b]].dropna()
        out += [
            ("Series.corr", lambda: float(df[a].corr(df[b]))),
            ("Series.corr(spearman)", lambda: float(df[a].corr(df[b], method="spearman"))),
            ("corrwith", lambda: df[nums].corrwith(df[a])),
            ("pearsonr", lambda: stats.pearsonr(pair[a], pair[b])),
            ("spearmanr", lambda: stats.spearmanr(pair[a], pair[b])),
            ("np.corrcoef", lambda: np.corrcoef(pair[a], pair[b])),
            ("np.polyfit", lambda: np.polyfit(pair[a], pair[b], 1)),
            ("sm.OLS", lambda: sm.OLS(pair[b], sm.add_constant(pair[a])).fit().summary().as_text()),
            ("smf.ols", lambda: smf.ols(f"{q(b)} ~ {q(a)}", data=df).fit().params),
            ("px.scatter(trendline=ols)", lambda: px.scatter(pair, x=a, y=b, trendline="ols").to_json()),
            ("px.scatter", lambda: px.scatter(df, x=a, y=b).to_json()),
            ("ttest_ind(median split)", lambda: stats.ttest_ind(pair[b][pair[a] > pair[a].median()],
                                                                pair[b][pair[a] <= pair[a].median()])),
        ]
        model_frame = df[nums].dropna()
        target, features = nums[0], nums[1:]
        if len(model_frame) >= 10:
            X, y = model_frame[features], model_frame[target]
            out += [
                ("sm.OLS(multi)", lambda: sm.OLS(y, sm.add_constant(X)).fit().rsquared),
                ("train_test_split", lambda: train_test_split(X, y, test_size=0.3, random_state=0)),
                ("LinearRegression", lambda: LinearRegression().fit(X, y).score(X, y)),
                ("RandomForestRegressor", lambda: RandomForestRegressor(n_estimators=5, random_state=0).fit(X, y).predict(X)),
                ("KMeans", lambda: KMeans(n_clusters=2, n_init=3, random_state=0).fit_predict(model_frame)),
            ]
    for g in cats[:2]:
        if nums:
            v = nums[0]
            groups = [grp[v].dropna() for _, grp in df.groupby(g)]
            out += [
                (f"groupby[{g}].agg", lambda g=g, v=v: df.groupby(g)[v].agg(["mean", "median", "std"])),
                (f"groupby[{g}].mean(numeric_only)", lambda g=g: df.groupby(g).mean(numeric_only=True)),
                (f"pivot_table[{g}]", lambda g=g, v=v: df.pivot_table(index=g, values=v, aggfunc="mean")),
                (f"f_oneway[{g}]", lambda groups=groups: stats.f_oneway(*groups)),
                (f"ttest_ind[{g}]", lambda groups=groups: stats.ttest_ind(groups[0], groups[1])),
                (f"px.box[{g}]", lambda g=g, v=v: px.box(df, x=g, y=v).to_json()),
                (f"px.bar(mean)[{g}]", lambda g=g, v=v: px.bar(df.groupby(g, as_index=False)[v].mean(), x=g, y=v).to_json()),
            ]
        out.append((f"crosstab[{g}]", lambda g=g: pd.crosstab(df[g], df[cats[-1]])))
    for c in columns["dates"][:1]:
        if nums:
            out.append((f"resample[{c}]", lambda c=c: df.set_index(c)[nums[0]].resample("M").mean()))
    return out


def kept_as_text(ours, theirs):
    """Ours is better where we kept text that read_csv changes (leading zeros of ids and zip codes)."""
    if ours.dtype != object:
        return False
    return any(str(a) != str(b) for a, b in zip(ours.dropna(), theirs.dropna()))


def run_all(frame, columns):
    results = {}
    for name, thunk in checks(frame, columns):
        try:
            thunk()
            results[name] = None
        except Exception as e:  # noqa: BLE001 - every failure is what we compare
            results[name] = f"{type(e).__name__}: {e}"[:300]
    return results


def main():
    datasets = json.load(open(sys.argv[1], encoding="utf-8"))
    for d in datasets:
        namespace = {}
        exec(d["loader"], namespace)
        ours = namespace["df"]
        theirs = pd.read_csv(d["csv"])
        columns = plan(ours)
        mine = run_all(ours, columns)
        reference = run_all(theirs, columns)
        regressions = [{"check": n, "error": e} for n, e in mine.items() if e and not reference.get(n)]
        dtype_differences = []
        for c in theirs.columns:
            t = str(theirs[c].dtype)
            o = str(ours[c].dtype)
            if t in ("int64", "float64", "bool") and o != t and not kept_as_text(ours[c], theirs[c]):
                dtype_differences.append({"column": str(c), "ours": o, "read_csv": t})
        print(json.dumps({"name": d["name"], "checks": len(mine), "regressions": regressions,
                          "dtype_differences": dtype_differences,
                          "dtypes": {str(c): str(t) for c, t in ours.dtypes.items()}}), flush=True)


if __name__ == "__main__":
    main()
