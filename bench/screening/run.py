"""One screening variant. Usage:
  run.py NAME --parts hog3+hog4+hog7,int7 [--m 2000] [--gamma 4] [--C 3] [--kmeans none|e1|e2|sub10k]
         [--test]
Parts: comma-separated groups; '+' joins features into one group (one chi2-mapped, L2-normalised part).
psi = L2(concat_g L2(chi2map(group g))); Nystrom rbf(gamma) on psi with m landmarks (random as sklearn
Nystroem(random_state=0), or MiniBatchKMeans centres), rows L2-normalised, appended; LinearSVC(C, tol 0.1).
Screening split: train rows 0-19,999, score rows 50,000-59,999. --test: train 0-59,999, score 60,000-69,999."""
import argparse, json, os, sys, time
import numpy as np
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import feats

ap = argparse.ArgumentParser()
ap.add_argument('name'); ap.add_argument('--parts', required=True)
ap.add_argument('--m', type=int, default=2000); ap.add_argument('--gamma', type=float, default=4)
ap.add_argument('--C', default='3'); ap.add_argument('--kmeans', default='none')
ap.add_argument('--test', action='store_true'); ap.add_argument('--solver', default='liblinear')
ap.add_argument('--interval', type=float, default=0.5, help='chi2 map sampling step L (convkit: 2 pi / 9.51 = 0.6607)')
ap.add_argument('--no-znorm', action='store_true', help='leave the Nystrom rows unnormalised, as convkit does')
a = ap.parse_args()

from sklearn.kernel_approximation import AdditiveChi2Sampler
from sklearn.svm import LinearSVC

T0 = time.time(); times = {}
_, y = feats.data()
if a.test:
    tr, te = np.arange(0, 60000), np.arange(60000, 70000)
else:
    tr, te = np.arange(0, 20000), np.arange(50000, 60000)
rows = np.concatenate([tr, te]); ntr = len(tr)


def l2(X):
    X /= np.maximum(np.linalg.norm(X, axis=1, keepdims=True), 1e-30)
    return X


groups = [g.split('+') for g in a.parts.split(',')]
gd = [3 * sum(feats.feature(n).shape[1] for n in g) for g in groups]
pd = sum(gd)
X = np.empty((len(rows), pd + max(a.m, 0)), np.float32)
o = 0
for g, d in zip(groups, gd):
    for i in range(0, len(rows), 5000):   # sample_steps=2, sample_interval 0.5 (sklearn default)
        F = np.concatenate([np.asarray(feats.feature(n)[rows[i:i + 5000]], np.float64) for n in g], axis=1)
        X[i:i + 5000, o:o + d] = l2(AdditiveChi2Sampler(sample_steps=2, sample_interval=a.interval).fit_transform(F))
    o += d
for i in range(0, len(rows), 5000):
    X[i:i + 5000, :pd] = l2(X[i:i + 5000, :pd])
psi = X[:, :pd]
times['features+map'] = time.time() - T0
print(a.name, 'psi', psi.shape, f'{times["features+map"]:.1f}s', flush=True)

if a.m > 0:
    t = time.time()
    if a.kmeans == 'none':
        rnd = np.random.RandomState(0)   # the same landmarks as sklearn Nystroem(random_state=0)
        L = psi[:ntr][rnd.permutation(ntr)[:a.m]]
    else:
        from sklearn.cluster import MiniBatchKMeans
        src = psi[:ntr]
        if a.kmeans.startswith('sub'):
            src = src[np.random.RandomState(1).permutation(ntr)[:int(a.kmeans[3:-1]) * 1000]]
            ep = 1
        else:
            ep = int(a.kmeans[1:])
        init = 'random' if 'rand' in a.name else 'k-means++'
        km = MiniBatchKMeans(n_clusters=a.m, batch_size=4096, max_iter=ep, n_init=1, init=init,
                             random_state=0, compute_labels=False, max_no_improvement=None)
        km.fit(src)
        L = km.cluster_centers_.astype(np.float32)
        times['kmeans'] = time.time() - t
        print(a.name, f'kmeans {times["kmeans"]:.1f}s', flush=True)
    t = time.time()
    def rbf(A, B):
        d = (A * A).sum(1)[:, None] + (B * B).sum(1)[None, :] - 2 * A @ B.T
        return np.exp(-a.gamma * np.maximum(d, 0))
    K = rbf(L, L).astype(np.float64)
    U, S, V = np.linalg.svd(K)
    Nrm = (np.dot(U / np.sqrt(np.maximum(S, 1e-12)), V)).astype(np.float32)
    for i in range(0, len(rows), 5000):
        Z = rbf(X[i:i + 5000, :pd], L) @ Nrm.T
        X[i:i + 5000, pd:] = Z if a.no_znorm else l2(Z)
    times['nystrom'] = time.time() - t
print(a.name, 'X', X.shape, flush=True)

res = {}
for C in [float(c) for c in a.C.split(',')]:
    t = time.time()
    if a.solver == 'primal':
        import primal
        model = primal.fit(X[:ntr], y[tr], C)
        acc = float((primal.predict(model, X[ntr:]) == y[te]).mean())
    else:
        clf = LinearSVC(C=C, tol=0.1, dual=True, random_state=0)
        clf.fit(X[:ntr], y[tr])
        acc = float((clf.predict(X[ntr:]) == y[te]).mean())
    times[f'svm C{C:g}'] = time.time() - t
    res[C] = acc
    print(a.name, f'C={C:g} acc={acc:.4f} svm {times[f"svm C{C:g}"]:.1f}s', flush=True)
times['total'] = time.time() - T0
with open(os.path.join(os.path.dirname(feats.CACHE), 'results.jsonl'), 'a') as f:
    f.write(json.dumps(dict(name=a.name, args=vars(a), acc=res, dims=X.shape[1],
                            times={k: round(v, 1) for k, v in times.items()})) + '\n')
print(a.name, 'done', json.dumps(res), {k: round(v, 1) for k, v in times.items()}, flush=True)
