// Okabe–Ito colours: distinguishable with the common forms of colour blindness and in greyscale print
// when paired with the line styles and symbols used on the figures.
export const okabeIto = {
  black: "#000000",
  orange: "#E69F00",
  skyBlue: "#56B4E9",
  green: "#009E73",
  yellow: "#F0E442",
  blue: "#0072B2",
  vermillion: "#D55E00",
  purple: "#CC79A7",
} as const;

/** The order in which curves and categories take colours. */
export const categorical = [okabeIto.blue, okabeIto.vermillion, okabeIto.green, okabeIto.orange, okabeIto.purple, okabeIto.skyBlue, okabeIto.black];
