/* TEST-ONLY, for running the Windows build under Wine; never shipped.
 * Wine 10's ucrtbase exports the C99 complex functions numpy calls as stubs that abort the program.
 * This DLL implements them (from the real functions, which Wine has) with the MSVC types
 * (_Dcomplex, _Fcomplex, _Lcomplex: long double is double there); everything else numpy takes from
 * the math API set is forwarded to ucrtbase by the .def file made by make-shim. */
#include <math.h>

typedef struct { double v[2]; } dcx;   /* _Dcomplex and _Lcomplex */
typedef struct { float v[2]; } fcx;    /* _Fcomplex */

static dcx mk(double re, double im) { dcx z = {{re, im}}; return z; }
static dcx mul(dcx a, dcx b) { return mk(a.v[0] * b.v[0] - a.v[1] * b.v[1], a.v[0] * b.v[1] + a.v[1] * b.v[0]); }
static dcx dv(dcx a, dcx b) {
    double d = b.v[0] * b.v[0] + b.v[1] * b.v[1];
    return mk((a.v[0] * b.v[0] + a.v[1] * b.v[1]) / d, (a.v[1] * b.v[0] - a.v[0] * b.v[1]) / d);
}
static double d_abs(dcx z) { return hypot(z.v[0], z.v[1]); }
static double d_arg(dcx z) { return atan2(z.v[1], z.v[0]); }
static dcx d_exp(dcx z) {
    double e = exp(z.v[0]);
    if (z.v[1] == 0.0) return mk(e, z.v[1]);
    return mk(e * cos(z.v[1]), e * sin(z.v[1]));
}
static dcx d_log(dcx z) { return mk(log(d_abs(z)), d_arg(z)); }
static dcx d_pow(dcx a, dcx b) {
    if (a.v[0] == 0.0 && a.v[1] == 0.0) return (b.v[0] == 0.0 && b.v[1] == 0.0) ? mk(1.0, 0.0) : mk(0.0, 0.0);
    return d_exp(mul(b, d_log(a)));
}
static dcx d_sinh(dcx z) { return mk(sinh(z.v[0]) * cos(z.v[1]), cosh(z.v[0]) * sin(z.v[1])); }
static dcx d_cosh(dcx z) { return mk(cosh(z.v[0]) * cos(z.v[1]), sinh(z.v[0]) * sin(z.v[1])); }
static dcx d_tanh(dcx z) {
    if (fabs(z.v[0]) > 20.0) return mk(copysign(1.0, z.v[0]), 4.0 * sin(z.v[1]) * cos(z.v[1]) * exp(-2.0 * fabs(z.v[0])));
    return dv(d_sinh(z), d_cosh(z));
}
/* sin z = -i sinh(iz), cos z = cosh(iz), tan z = -i tanh(iz) */
static dcx times_i(dcx z) { return mk(-z.v[1], z.v[0]); }
static dcx times_minus_i(dcx z) { return mk(z.v[1], -z.v[0]); }
static dcx d_sin(dcx z) { return times_minus_i(d_sinh(times_i(z))); }
static dcx d_cos(dcx z) { return d_cosh(times_i(z)); }
static dcx d_tan(dcx z) { return times_minus_i(d_tanh(times_i(z))); }

static dcx from_f(fcx z) { return mk(z.v[0], z.v[1]); }
static fcx to_f(dcx z) { fcx r = {{(float)z.v[0], (float)z.v[1]}}; return r; }

#define REAL_FN(name, impl) \
    double shim_##name(dcx z) { return impl(z); } \
    double shim_##name##l(dcx z) { return impl(z); } \
    float shim_##name##f(fcx z) { return (float)impl(from_f(z)); }
#define COMPLEX_FN(name, impl) \
    dcx shim_##name(dcx z) { return impl(z); } \
    dcx shim_##name##l(dcx z) { return impl(z); } \
    fcx shim_##name##f(fcx z) { return to_f(impl(from_f(z))); }

static double d_real(dcx z) { return z.v[0]; }
static double d_imag(dcx z) { return z.v[1]; }
REAL_FN(cabs, d_abs)
REAL_FN(carg, d_arg)
REAL_FN(creal, d_real)
REAL_FN(cimag, d_imag)
COMPLEX_FN(cexp, d_exp)
COMPLEX_FN(csin, d_sin)
COMPLEX_FN(ccos, d_cos)
COMPLEX_FN(ctan, d_tan)
COMPLEX_FN(csinh, d_sinh)
COMPLEX_FN(ccosh, d_cosh)
COMPLEX_FN(ctanh, d_tanh)
dcx shim_cpow(dcx a, dcx b) { return d_pow(a, b); }
dcx shim_cpowl(dcx a, dcx b) { return d_pow(a, b); }
fcx shim_cpowf(fcx a, fcx b) { return to_f(d_pow(from_f(a), from_f(b))); }
