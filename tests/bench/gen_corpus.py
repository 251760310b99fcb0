#!/usr/bin/env python3
"""A realistic corpus for kpi's benchmarks (issue 14): the Lhasa filing rewritten into many
departments, each a folder (a filing of its own), with distinct names, amounts and goal
wording, funds lines linked to their forms, and defects mixed in.

    python3 tests/bench/gen_corpus.py OUT --mb 10            # OUT/d00000/ … until ≈ 10 MB
    python3 tests/bench/gen_corpus.py OUT --funds-lines 5000 # one department, 5000 funds lines
    python3 tests/bench/gen_corpus.py OUT --funds-lines 5000 --forms  # and project forms for
                                                 # them, some by a near name (suggestions)

Deterministic for a given --seed. Why not the `sed` copy of docs/performance.md: its copies
share their goals and amounts, so the near-duplicate rules stop at the first comparison and
the cost of a real province's batch stays hidden.

Per department (folder `dNNNNN/`):
- the department form and the 17 project forms of the Lhasa filing, every name made the
  department's own (城市 + 区 + 局 prefixes);
- every amount of the folder multiplied by one factor (1–97), so that funds tables still add
  up, and amounts differ between departments;
- goals rewritten from a bank of clauses with the department's own numbers, so that no two
  departments share a goal by accident;
- funds lines linked to their forms: most by `-> "form"`, some by an identical name, some by a
  near name only (the checker's suggestion path);
- defects, about one department in 12 each: a funds line amount off by 1万元, a goal copied
  from the previous department, a missing project form, a misspelt unit.
"""

import argparse
import os
import random
import re
import sys
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SEED_DIR = ROOT / "examples" / "lhasa-kjj-2023"

CITIES = ["拉萨", "日喀则", "昌都", "林芝", "山南", "那曲", "阿里", "成都", "绵阳", "德阳", "乐山",
          "宜宾", "泸州", "南充", "达州", "遂宁", "内江", "自贡", "眉山", "雅安", "广元", "巴中",
          "资阳", "攀枝花", "西宁", "海东", "格尔木", "玉树", "昆明", "大理", "丽江", "曲靖",
          "玉溪", "保山", "昭通", "普洱", "临沧", "兰州", "天水", "酒泉"]
DISTRICTS = ["城关", "堆龙德庆", "达孜", "东城", "西城", "南山", "北湖", "高新", "经开", "滨江",
             "青山", "白云", "金水", "红旗", "新华", "长安", "永宁", "太平", "和平", "团结"]
BUREAUS = ["科学技术局", "教育局", "文化和旅游局", "农业农村局", "水利局", "卫生健康委员会",
           "民政局", "交通运输局", "生态环境局", "自然资源局", "商务局", "林业和草原局",
           "住房和城乡建设局", "人力资源和社会保障局", "应急管理局", "市场监督管理局"]

CLAUSES = [
    "完成{n}个{thing}的建设任务", "组织开展{n}场{thing}培训", "覆盖{n}个乡镇（街道）",
    "受益群众不少于{n}人", "资金拨付率达到{p}%", "项目验收合格率不低于{p}%",
    "按期完成率达到{p}%", "服务对象满意度不低于{p}%", "新增{thing}{n}家",
    "支持{n}家企业开展技术攻关", "举办{n}期{thing}宣传活动", "发放宣传资料{n}份",
    "保障{n}名工作人员正常履职", "改善{n}个{thing}的办公条件", "培育{n}个{thing}示范点",
    "开展{n}次实地调研和评审", "兑现补助资金{m}万元", "带动社会投资{m}万元",
    "引进各类人才{n}名", "建成{thing}服务平台{n}个", "推进{n}项重点工作落地落实",
    "年度内完成{thing}绩效自评", "形成调研报告{n}份", "解决群众急难愁盼问题{n}件",
]
THINGS = ["科普", "双创", "乡村振兴", "人才", "创新载体", "安全生产", "公共服务", "数字化",
          "生态保护", "文化惠民", "基层治理", "产业园区", "农技推广", "便民服务"]

MONEY = re.compile(r"(\d+(?:\.\d+)?)万元")
GOAL = re.compile(r'((?:goal|年度总体目标|总体目标|年度目标|目标)\s+)"((?:[^"\\]|\\.)*)"', re.S)
NAME = re.compile(r'^(project|department|项目|部门)\s+"((?:[^"\\]|\\.)*)"', re.M)


def scale(text, factor):
    return MONEY.sub(lambda m: f"{(Decimal(m.group(1)) * factor).normalize():f}万元", text)


def goal_text(rng, who):
    parts = [who + "：" if rng.random() < 0.5 else ""]
    for _ in range(rng.randint(3, 6)):
        c = rng.choice(CLAUSES)
        parts.append(c.format(n=rng.randint(2, 900), p=rng.choice([85, 90, 92, 95, 98, 100]),
                              m=rng.randint(5, 5000), thing=rng.choice(THINGS)))
    return "；".join(p for p in parts if p) + "。"


def seed_forms():
    files = sorted(SEED_DIR.glob("*.kpi"))
    dept = next(f.read_text("utf-8") for f in files if f.name.startswith("00-"))
    projects = [(f.name, f.read_text("utf-8")) for f in files if not f.name.startswith("00-")]
    return dept, projects


def bigrams(s):
    return {s[i:i + 2] for i in range(len(s) - 1)}


def line_for_project(dept_text, project_text):
    """The funds line of the seed table that a project form stands for: equal amount, most
    shared bigrams (what the checker's suggestion does)."""
    name = NAME.search(project_text).group(2)
    budget = re.search(r"(?:budget|预算|年度资金总额)\s+(\d+(?:\.\d+)?)万元", project_text)
    if not budget:
        return None
    best = None
    for m in re.finditer(r'project\s+"((?:[^"\\]|\\.)*)"\s+(\d+(?:\.\d+)?)万元', dept_text):
        if Decimal(m.group(2)) != Decimal(budget.group(1)):
            continue
        s = len(bigrams(m.group(1)) & bigrams(name))
        if best is None or s > best[0]:
            best = (s, m.group(1))
    return best[1] if best else None


def department(k, rng, dept_seed, projects, previous_goal):
    city = CITIES[k % len(CITIES)]
    district = DISTRICTS[(k // len(CITIES)) % len(DISTRICTS)]
    bureau = BUREAUS[(k // (len(CITIES) * len(DISTRICTS))) % len(BUREAUS)]
    round_ = k // (len(CITIES) * len(DISTRICTS) * len(BUREAUS))
    prefix = f"{city}市{district}区" + (f"第{round_ + 1}片区" if round_ else "")
    dept_name = prefix + bureau
    factor = rng.randint(1, 97)
    defect = rng.randrange(12)
    files = {}
    dept_text = dept_seed.replace('department "拉萨市科学技术局"', f'department "{dept_name}"')
    first_goal = None
    for i, (fname, text) in enumerate(projects):
        old = NAME.search(text).group(2)
        new = prefix + old.replace("拉萨市", "").replace('\\"', "")
        line = line_for_project(dept_seed, text)
        text = text.replace(NAME.search(text).group(0), f'project "{new}"', 1)
        text = text.replace("拉萨市科技局", dept_name).replace("拉萨市科学技术局", dept_name)

        def new_goal(m):
            nonlocal first_goal
            g = goal_text(rng, new)
            if first_goal is None:
                first_goal = g
            return f'{m.group(1)}"{g}"'

        text = GOAL.sub(new_goal, text)
        if defect == 1 and i == 3 and previous_goal:
            # A goal copied from the previous department (K0702).
            text = GOAL.sub(lambda m: f'{m.group(1)}"{previous_goal}"', text, count=1)
        if defect == 3 and i == 5:
            text = text.replace("万元", "万园", 1)  # a misspelt unit
        if line is not None:
            way = rng.random()
            quoted = line.replace("\\", "\\\\")
            pat = f'project "{quoted}"'
            if way < 0.6:
                new_line = f'project "{prefix}{line}"'
                # keep the amount, then link
                dept_text = re.sub(
                    re.escape(pat) + r"(\s+[^;\n]*?)(\s*;)",
                    lambda m: f'{new_line}{m.group(1)} -> "{new}"{m.group(2)}', dept_text, count=1)
            elif way < 0.9:
                dept_text = dept_text.replace(pat, f'project "{new}"', 1)
            else:
                dept_text = dept_text.replace(pat, f'project "{prefix}{line}"', 1)
        if defect == 2 and i == 7:
            continue  # a missing project form (K0401)
        files[f"{i + 1:02d}-{fname[3:]}"] = text
    dept_text = GOAL.sub(lambda m: f'{m.group(1)}"{goal_text(rng, dept_name)}"', dept_text)
    dept_text = scale(dept_text, factor)
    if defect == 0:
        # One funds line off by 1万元 (K0403/K0303).
        dept_text = re.sub(r"(project \"[^\"]*\" )(\d+(?:\.\d+)?)万元",
                           lambda m: f"{m.group(1)}{Decimal(m.group(2)) + 1}万元", dept_text, count=1)
    files["00-department.kpi"] = dept_text
    for name in list(files):
        if name != "00-department.kpi":
            files[name] = scale(files[name], factor)
    return files, first_goal


def many_lines(out, n, rng, forms=False):
    """One department form with n funds lines (the funds-table scaling case). With `forms`,
    the 项目支出 lines also get project forms (`01-projects-NNN.kpi`, 500 forms a file): half
    by the line's own name, three in ten by a near name only (`2023年度` + the line's name:
    found by the checker's suggestion, which searches the forms of the line's amount), the
    rest none (K0401, after the same search); and a quarter of all amounts are round figures
    (5, 10, 20, 50 or 100万元), so that many forms share an amount, as in a real table."""
    lines = []
    projects = []
    total = Decimal(0)
    round_amounts = [Decimal(x) for x in (5, 10, 20, 50, 100)]
    for i in range(n):
        if forms and rng.random() < 0.25:
            amount = rng.choice(round_amounts)
        else:
            amount = Decimal(rng.randint(1, 99999)) / 100
        total += amount
        cat = "basic" if i % 10 == 0 else "project"
        name = f"{rng.choice(THINGS)}专项经费第{i + 1}项"
        lines.append(f'    {cat} "{name}" {amount}万元 fiscal;')
        if forms and cat == "project":
            way = rng.random()
            form = name if way < 0.5 else f"2023年度{name}" if way < 0.8 else None
            if form is not None:
                projects.append(
                    f'project "{form}" {{\n  year 2023;\n  budget {amount}万元 {{ fiscal {amount}万元; }};\n'
                    f'  goal "{goal_text(rng, form)}";\n}}\n')
    text = ("department \"拉萨市资金表测试局\" {\n  year 2023;\n  funds {\n" + "\n".join(lines)
            + f"\n    total {total}万元 fiscal;\n  }}\n  goal \"{goal_text(rng, '本局')}\";\n}}\n")
    out.mkdir(parents=True, exist_ok=True)
    (out / "00-department.kpi").write_text(text, "utf-8")
    for k in range(0, len(projects), 500):
        (out / f"01-projects-{k // 500:03d}.kpi").write_text("".join(projects[k:k + 500]), "utf-8")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("--mb", type=float, default=1.0, help="stop once this many MB are written")
    ap.add_argument("--funds-lines", type=int, help="one department form with this many lines")
    ap.add_argument("--forms", action="store_true",
                    help="with --funds-lines: project forms for the lines, some by a near name only")
    ap.add_argument("--seed", type=int, default=14)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    if args.funds_lines:
        many_lines(args.out, args.funds_lines, rng, args.forms)
        return
    dept_seed, projects = seed_forms()
    toml = (SEED_DIR / "kpi.toml").read_text("utf-8")
    written, k, previous_goal = 0, 0, None
    while written < args.mb * 1_000_000:
        files, previous_goal = department(k, rng, dept_seed, projects, previous_goal)
        d = args.out / f"d{k:05d}"
        d.mkdir(parents=True, exist_ok=True)
        (d / "kpi.toml").write_text(toml, "utf-8")
        for name, text in files.items():
            data = text.encode("utf-8")
            (d / name).write_bytes(data)
            written += len(data)
        k += 1
    print(f"{k} departments, {written / 1e6:.1f} MB in {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
