=== posix
const path = require('path');
print(path.join('/a/b', '../c', './d'), path.join(''), path.join('a', '', 'b/'), path.resolve('/x', 'y', '..', 'z'));
print(path.normalize('/a//b/../c/.'), path.normalize(''), path.normalize('./'), path.isAbsolute('/a'), path.isAbsolute('a'));
print(path.relative('/a/b/c', '/a/d'), path.relative('/a', '/a'), path.dirname('/a/b/'), path.dirname('a'), path.dirname('/'));
print(path.basename('/a/b.txt'), path.basename('/a/b.txt', '.txt'), path.basename('/a/b/'), path.extname('a.b.c'), path.extname('.hidden'), path.extname('a.'));
print(path.parse('/home/u/file.tar.gz'), path.parse('rel/x'), path.parse('/'));
print(path.format({ dir: '/a', base: 'b.txt' }), path.format({ root: '/', name: 'n', ext: 'e' }), path.format({ name: 'x', ext: '.y' }));
print(path.sep, path.delimiter, path.posix === path, path.posix.sep, path.toNamespacedPath('/a'));
print(require('path/posix') === path.posix, require('path/win32') === path.win32);
=== win32
const w = require('path').win32;
print(w.join('C:\\a', 'b', '..\\c'), w.join('a', 'b'), w.join('\\\\server\\share', 'x'), w.join('C:', 'x'));
print(w.normalize('C:/a//b\\..\\c\\'), w.normalize('c:'), w.normalize('\\\\srv\\share\\a\\..'), w.normalize('a/b/../../..'));
print(w.isAbsolute('C:\\a'), w.isAbsolute('C:a'), w.isAbsolute('\\a'), w.isAbsolute('a'), w.isAbsolute('//server'));
print(w.dirname('C:\\a\\b'), w.dirname('C:\\a'), w.dirname('C:\\'), w.dirname('a'), w.dirname('\\\\server\\share\\x'));
print(w.basename('C:\\a\\b.txt'), w.basename('C:\\a\\b.txt', '.txt'), w.basename('C:foo'), w.extname('C:\\a\\b.tar.gz'));
print(w.parse('C:\\dir\\file.ext'), w.parse('\\\\server\\share\\f.txt'));
print(w.format({ dir: 'C:\\a', base: 'b' }), w.format({ root: 'C:\\', base: 'b' }));
print(w.resolve('C:\\a', 'b', '..\\c'), w.resolve('D:\\x', 'C:\\y'));
print(w.relative('C:\\a\\b', 'C:\\a\\c\\d'), w.relative('C:\\a', 'D:\\b'), w.relative('C:\\A', 'c:\\a'));
print(w.toNamespacedPath('C:\\a'), w.toNamespacedPath('\\\\server\\share\\x'), w.sep, w.delimiter);
