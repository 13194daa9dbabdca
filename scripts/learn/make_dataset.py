#!/usr/bin/env python3
"""Writes a synthetic customer-propensity CSV for comparing dsw's models with
scikit-learn and LightGBM.

100,000 customers x 25 features with the structure a CDP training table has:
event counts, recencies that are missing when the event never happened, spend,
rates, a few categoricals, and a label that depends on them nonlinearly (with
interactions and thresholds). A fixed `split` column ("train"/"test", 80/20)
lets every tool train and test on the same rows.

usage: make_dataset.py OUT.csv [--rows N] [--seed S]
"""
import argparse

import csv

import numpy as np


def make(rows: int, seed: int) -> dict:
    rng = np.random.default_rng(seed)
    engagement = rng.gamma(2.0, 1.0, rows)  # latent activity level
    channel = rng.choice(["email", "search", "social", "direct", "display"], rows,
                         p=[0.3, 0.25, 0.2, 0.15, 0.1])
    device = rng.choice(["mobile", "desktop", "tablet"], rows, p=[0.55, 0.38, 0.07])
    region = rng.choice([f"r{i}" for i in range(8)], rows)
    tier = rng.choice(["none", "silver", "gold", "platinum"], rows, p=[0.6, 0.25, 0.11, 0.04])
    boosts = {"none": 0.0, "silver": 0.3, "gold": 0.6, "platinum": 1.0}
    tier_boost = np.array([boosts[t] for t in tier])

    page_views = rng.poisson(3 * engagement + 1)
    product_views = rng.poisson(1.5 * engagement * (1 + tier_boost))
    cart_adds = rng.binomial(product_views, 0.2)
    purchases = rng.binomial(cart_adds + 1, 0.25) * (rng.random(rows) < 0.6)
    email_sends = rng.poisson(6, rows)
    email_opens = rng.binomial(email_sends, np.clip(0.15 + 0.05 * engagement, 0, 0.9))
    email_clicks = rng.binomial(email_opens, 0.25)
    form_fills = rng.poisson(0.2 * engagement)
    offer_displays = rng.poisson(2, rows)

    days_since_purchase = np.where(purchases > 0, rng.exponential(40, rows).round(), np.nan)
    days_since_open = np.where(email_opens > 0, rng.exponential(15, rows).round(), np.nan)
    days_since_visit = rng.exponential(20 / (engagement + 0.2), rows).round()
    days_since_visit[rng.random(rows) < 0.05] = np.nan  # tracking gaps
    tenure_days = rng.integers(1, 1500, rows)

    order_value = rng.lognormal(3.5, 0.6, rows)
    total_spend = np.round(purchases * order_value, 2)
    avg_order_value = np.where(purchases > 0, np.round(order_value, 2), np.nan)
    open_rate = np.where(email_sends > 0, email_opens / np.maximum(email_sends, 1), np.nan)
    click_rate = np.where(email_opens > 0, email_clicks / np.maximum(email_opens, 1), np.nan)
    age = rng.normal(40, 12, rows).round().clip(18, 90)
    age[rng.random(rows) < 0.15] = np.nan
    is_subscribed = rng.random(rows) < 0.4 + 0.05 * np.minimum(engagement, 4)
    noise_a = rng.normal(0, 1, rows)
    noise_b = rng.random(rows)

    recency_effect = np.where(np.isnan(days_since_purchase), -0.4,
                              0.8 - 0.015 * np.minimum(days_since_purchase, 120))
    logit = (-3.2
             + 0.7 * np.log1p(product_views)
             + 0.5 * np.minimum(cart_adds, 3)
             + recency_effect
             + 0.9 * ((channel == "email") & (np.nan_to_num(open_rate) > 0.3))
             + 0.6 * tier_boost
             + 0.4 * np.sin(np.nan_to_num(age, nan=40) / 8)
             - 0.5 * (np.nan_to_num(days_since_visit, nan=60) > 30)
             + 0.3 * (device == "desktop") * (page_views > 5)
             + 0.3 * is_subscribed
             + 0.2 * np.log1p(form_fills) * (region == "r3")
             + 0.004 * np.minimum(tenure_days, 365) / 3.65 / 10)
    converted = rng.random(rows) < 1 / (1 + np.exp(-logit))
    split = np.where(rng.random(rows) < 0.8, "train", "test")

    return {
        "userId": np.arange(1, rows + 1),
        "page_views": page_views, "product_views": product_views, "cart_adds": cart_adds,
        "purchases": purchases, "email_sends": email_sends, "email_opens": email_opens,
        "email_clicks": email_clicks, "form_fills": form_fills, "offer_displays": offer_displays,
        "days_since_purchase": days_since_purchase, "days_since_open": days_since_open,
        "days_since_visit": days_since_visit, "tenure_days": tenure_days,
        "total_spend": total_spend, "avg_order_value": avg_order_value,
        "open_rate": open_rate, "click_rate": click_rate, "age": age,
        "channel": channel, "device": device, "region": region, "loyalty_tier": tier,
        "is_subscribed": np.where(is_subscribed, "true", "false"),
        "noise_a": noise_a, "noise_b": noise_b,
        "converted": np.where(converted, "true", "false"),
        "split": split,
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("out")
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    columns = make(args.rows, args.seed)
    write_csv(args.out, columns)
    rate = (columns["converted"] == "true").mean()
    print(f"wrote {args.out}: {args.rows} rows, base rate {rate:.3f}")


def cell(value) -> str:
    """NaN becomes an empty (null) field; floats keep 10 significant digits."""
    if isinstance(value, (float, np.floating)):
        return "" if np.isnan(value) else f"{value:.10g}"
    return str(value)


def write_csv(path: str, columns: dict) -> None:
    names = list(columns)
    with open(path, "w", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(names)
        for row in zip(*(columns[name].tolist() for name in names)):
            writer.writerow([cell(value) for value in row])


if __name__ == "__main__":
    main()
