/*
 * Hand-written C for three of the suite's workloads, the way issue 8 measured them: sizes fixed at compile time,
 * plain loops, no intrinsics. Built by the benchmark project (gcc -O3 -march=native -ffast-math, where gcc is
 * installed) into libcompilednets_c_baseline.so and called through P/Invoke, once per BenchmarkDotNet invocation,
 * so each row is measured in the same run as the generated code's. -ffast-math lets gcc vectorize the dot
 * products (it may then reorder their sums): without it the 784x128 product runs scalar, about 25x slower.
 * Layouts are the generated networks': W[j][i] connects input i to neuron j.
 */
#include <math.h>

#define IN 784
#define HID 128
#define OUT 10

/* 784-128-10, tanh then softmax: forward into h (hidden) and p (probabilities). */
static void digits_forward(const float *restrict w1, const float *restrict b1, const float *restrict w2,
                           const float *restrict b2, const float *restrict x, float *restrict h, float *restrict p)
{
    for (int j = 0; j < HID; j++) {
        float z = b1[j];
        for (int i = 0; i < IN; i++)
            z += w1[j * IN + i] * x[i];
        h[j] = z;
    }
    for (int j = 0; j < HID; j++) /* a loop of its own, so gcc can call glibc's vector tanhf (libmvec) */
        h[j] = tanhf(h[j]);
    float largest = -INFINITY;
    for (int k = 0; k < OUT; k++) {
        float z = b2[k];
        for (int j = 0; j < HID; j++)
            z += w2[k * HID + j] * h[j];
        p[k] = z;
        if (z > largest)
            largest = z;
    }
    float sum = 0;
    for (int k = 0; k < OUT; k++) {
        p[k] = expf(p[k] - largest);
        sum += p[k];
    }
    for (int k = 0; k < OUT; k++)
        p[k] /= sum;
}

/* Batch-1 inference of `count` examples (rows of xs); writes each example's probabilities. */
void digits_predict(const float *w1, const float *b1, const float *w2, const float *b2, const float *xs, int count,
                    float *outputs)
{
    float h[HID];
    for (int n = 0; n < count; n++)
        digits_forward(w1, b1, w2, b2, xs + (long)n * IN, h, outputs + (long)n * OUT);
}

/* Per-example SGD with cross-entropy on `count` examples; returns the summed loss. */
float digits_train(float *restrict w1, float *restrict b1, float *restrict w2, float *restrict b2, const float *xs,
                   const float *ts, int count, float rate)
{
    float h[HID], p[OUT], d2[OUT], d1[HID], loss = 0;
    for (int n = 0; n < count; n++) {
        const float *x = xs + (long)n * IN, *t = ts + (long)n * OUT;
        digits_forward(w1, b1, w2, b2, x, h, p);
        for (int k = 0; k < OUT; k++) {
            if (t[k] > 0)
                loss -= t[k] * logf(p[k]);
            d2[k] = p[k] - t[k];                       /* softmax + cross-entropy */
        }
        for (int j = 0; j < HID; j++) {
            float s = 0;
            for (int k = 0; k < OUT; k++)
                s += w2[k * HID + j] * d2[k];
            d1[j] = s * (1 - h[j] * h[j]);             /* tanh' */
        }
        for (int k = 0; k < OUT; k++) {
            for (int j = 0; j < HID; j++)
                w2[k * HID + j] -= rate * d2[k] * h[j];
            b2[k] -= rate * d2[k];
        }
        for (int j = 0; j < HID; j++) {
            for (int i = 0; i < IN; i++)
                w1[j * IN + i] -= rate * d1[j] * x[i];
            b1[j] -= rate * d1[j];
        }
    }
    return loss;
}

/* The tutorial's 3-4-1 sigmoid network without biases, half squared error: `steps` per-example SGD steps cycling
   through the 4 examples (rows of xs, ys); returns the summed loss. */
float tiny341_train(float *restrict w1, float *restrict w2, const float *xs, const float *ys, int steps, float rate)
{
    float loss = 0;
    for (int s = 0; s < steps; s++) {
        const float *x = xs + (s & 3) * 3;
        float y = ys[s & 3], a1[4], d1[4];
        float z2 = 0;
        for (int j = 0; j < 4; j++) {
            a1[j] = 1 / (1 + expf(-(w1[j * 3] * x[0] + w1[j * 3 + 1] * x[1] + w1[j * 3 + 2] * x[2])));
            z2 += w2[j] * a1[j];
        }
        float a2 = 1 / (1 + expf(-z2)), e = a2 - y;
        loss += 0.5f * e * e;
        float d2 = e * a2 * (1 - a2);
        for (int j = 0; j < 4; j++) {
            d1[j] = w2[j] * d2 * a1[j] * (1 - a1[j]);
            w2[j] -= rate * d2 * a1[j];
        }
        for (int j = 0; j < 4; j++)
            for (int i = 0; i < 3; i++)
                w1[j * 3 + i] -= rate * d1[j] * x[i];
    }
    return loss;
}
