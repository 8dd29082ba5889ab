// Distribution functions against R 4.2.2 (values printed with sprintf("%.17g") by R on this project's machine,
// calls quoted per test). Tolerances: 1e-14 relative for pnorm/qnorm/integer-df pchisq, 1e-13 for other df.
import {describe, test} from "node:test";
import assert from "node:assert/strict";
import {
  chiSquareUpperTail,
  hypergeometricCdf,
  hypergeometricLogDensity,
  normalCdf,
  normalQuantile,
} from "../loaders/distributions.js";

function assertRelative(actual: number, expected: number, tolerance: number, where: string): void {
  if (expected === 0 || !Number.isFinite(expected)) {
    assert.equal(actual, expected, where);
    return;
  }
  const rel = Math.abs(actual - expected) / Math.abs(expected);
  assert.ok(rel <= tolerance, `${where}: expected ${expected}, got ${actual} (relative error ${rel})`);
}

describe("normalQuantile = qnorm", () => {
  // qnorm(p) for p = c(1e-300, 1e-10, 0.001, 0.025, 0.08, 0.3, 0.5, 0.7, 0.975, 0.999, 1 - 1e-10)
  const p = [1e-300, 1e-10, 0.001, 0.025, 0.08, 0.3, 0.5, 0.7, 0.975, 0.999, 0.99999999989999999];
  const q = [
    -37.047096299361201, -6.3613409024040557, -3.0902323061678132, -1.9599639845400538, -1.4050715603096322,
    -0.52440051270804067, 0, 0.52440051270804067, 1.9599639845400536, 3.0902323061678132, 6.3613408896974208,
  ];
  test("matches R", () => p.forEach((v, i) => assertRelative(normalQuantile(v), q[i], 1e-14, `qnorm(${v})`)));
  test("the 95% z used by every CI", () => assert.equal(normalQuantile(1 - (1 - 0.95) / 2), 1.9599639845400536));
  test("0, 1 and outside", () => {
    assert.equal(normalQuantile(0), -Infinity);
    assert.equal(normalQuantile(1), Infinity);
    assert.ok(Number.isNaN(normalQuantile(1.5)));
  });
});

describe("normalCdf = pnorm", () => {
  // pnorm(x) and pnorm(x, lower.tail = FALSE)
  const x = [-38, -10, -5.7, -3, -1.96, -0.5, 0, 0.66, 1, 2.5, 5.65, 7, 30];
  const lower = [
    0, 7.6198530241605269e-24, 5.9903714010635279e-9, 0.0013498980316300946, 0.024997895148220428,
    0.30853753872598694, 0.5, 0.74537308532866375, 0.84134474606854293, 0.99379033467422384, 0.99999999197760814,
    0.99999999999872013, 1,
  ];
  const upper = [
    1, 1, 0.99999999400962858, 0.9986501019683699, 0.97500210485177963, 0.69146246127401301, 0.5,
    0.25462691467133619, 0.15865525393145705, 0.0062096653257761349, 8.0223918506634971e-9, 1.2798125438858352e-12,
    4.9067139271481872e-198,
  ];
  test("lower tail matches R", () => x.forEach((v, i) => assertRelative(normalCdf(v), lower[i], 1e-14, `pnorm(${v})`)));
  test("upper tail matches R", () =>
    x.forEach((v, i) => assertRelative(normalCdf(v, false), upper[i], 1e-14, `pnorm(${v}, lower.tail = FALSE)`)));
});

describe("chiSquareUpperTail = pchisq(x, df, lower.tail = FALSE)", () => {
  const cases: [number, number, number][] = [
    [0.01, 1, 0.92034432544594202],
    [3.3963886989776011, 1, 0.065339322040505132],
    [100, 1, 1.5239706048321054e-23],
    [2.5, 2, 0.28650479686019009],
    [7.3, 3, 0.062926236459043175],
    [15, 4, 0.0047012171462565864],
    [4.2, 5, 0.52099495343140501],
    [30, 10, 0.00085664121077530053],
    [40, 25, 0.029164395623152303],
    [0.3, 7, 0.99989996261774783],
    [0.5, 1.5, 0.65343980284081049],
    [9, 13.3, 0.79163300754367649],
    [300, 201, 7.3313543696104793e-6],
  ];
  for (const [x, df, p] of cases) {
    test(`pchisq(${x}, ${df}, lower.tail = FALSE)`, () =>
      assertRelative(chiSquareUpperTail(x, df), p, Number.isInteger(df) ? 1e-14 : 1e-13, `x ${x} df ${df}`));
  }
  test("R's conventions at the edges: df 0 is a point mass at 0, negative df is NaN", () => {
    assert.equal(chiSquareUpperTail(0, 0), 1); // pchisq(0, 0, lower.tail = FALSE) is 1
    assert.equal(chiSquareUpperTail(2, 0), 0);
    assert.equal(chiSquareUpperTail(0, 3), 1);
    assert.ok(Number.isNaN(chiSquareUpperTail(1, -1)));
  });
});

describe("hypergeometric = dhyper / phyper", () => {
  test("log density and cdf match R", () => {
    // dhyper(2, 10, 7, 9, log = TRUE); phyper(2, 10, 7, 9); phyper(5, 10, 7, 9, lower.tail = FALSE)
    assertRelative(hypergeometricLogDensity(2, 10, 7, 9), -6.2919805775398494, 1e-15, "dhyper");
    assertRelative(hypergeometricCdf(2, 10, 7, 9), 0.0018510900863842055, 1e-14, "phyper");
    assertRelative(hypergeometricCdf(5, 10, 7, 9, false), 0.41937474290415444, 1e-14, "phyper upper");
    assert.equal(hypergeometricLogDensity(0, 10, 7, 9), -Infinity);
  });
});
