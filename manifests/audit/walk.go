package audit

import (
	"reflect"

	"github.com/dop251/goja/ast"
)

// goja's AST has no visitor. children lists, by node type, the fields that hold nodes, in
// the order they are declared (the order findings and first requires are met in). Reading
// the fields by reflection cost a fifth of an audit; this switch costs next to nothing.
//
// Left out on purpose: the DeclarationList of programs and functions (the same bindings
// their statements hold), labels, private names (#x) and meta properties (new.target):
// names that never refer to a variable.

// children calls f on every non-nil node directly below n.
func children(n ast.Node, f func(ast.Node)) {
	switch n := n.(type) {
	case *ast.Program:
		stmts(n.Body, f)
	case *ast.Binding:
		expr(n.Target, f)
		expr(n.Initializer, f)
	case *ast.YieldExpression:
		expr(n.Argument, f)
	case *ast.AwaitExpression:
		expr(n.Argument, f)
	case *ast.ArrayLiteral:
		exprs(n.Value, f)
	case *ast.ArrayPattern:
		exprs(n.Elements, f)
		expr(n.Rest, f)
	case *ast.AssignExpression:
		expr(n.Left, f)
		expr(n.Right, f)
	case *ast.BinaryExpression:
		expr(n.Left, f)
		expr(n.Right, f)
	case *ast.BracketExpression:
		expr(n.Left, f)
		expr(n.Member, f)
	case *ast.CallExpression:
		expr(n.Callee, f)
		exprs(n.ArgumentList, f)
	case *ast.ConditionalExpression:
		expr(n.Test, f)
		expr(n.Consequent, f)
		expr(n.Alternate, f)
	case *ast.DotExpression:
		expr(n.Left, f)
	case *ast.PrivateDotExpression:
		expr(n.Left, f)
	case *ast.OptionalChain:
		expr(n.Expression, f)
	case *ast.Optional:
		expr(n.Expression, f)
	case *ast.FunctionLiteral:
		if n.Name != nil {
			f(n.Name)
		}
		if n.ParameterList != nil {
			f(n.ParameterList)
		}
		if n.Body != nil {
			f(n.Body)
		}
	case *ast.ClassLiteral:
		if n.Name != nil {
			f(n.Name)
		}
		expr(n.SuperClass, f)
		for _, e := range n.Body {
			if e != nil && !isNil(e) {
				f(e)
			}
		}
	case *ast.ExpressionBody:
		expr(n.Expression, f)
	case *ast.ArrowFunctionLiteral:
		if n.ParameterList != nil {
			f(n.ParameterList)
		}
		if n.Body != nil && !isNil(n.Body) {
			f(n.Body)
		}
	case *ast.NewExpression:
		expr(n.Callee, f)
		exprs(n.ArgumentList, f)
	case *ast.ObjectLiteral:
		props(n.Value, f)
	case *ast.ObjectPattern:
		props(n.Properties, f)
		expr(n.Rest, f)
	case *ast.ParameterList:
		bindings(n.List, f)
		expr(n.Rest, f)
	case *ast.PropertyShort:
		f(&n.Name)
		expr(n.Initializer, f)
	case *ast.PropertyKeyed:
		expr(n.Key, f)
		expr(n.Value, f)
	case *ast.SpreadElement:
		expr(n.Expression, f)
	case *ast.SequenceExpression:
		exprs(n.Sequence, f)
	case *ast.TemplateLiteral:
		expr(n.Tag, f)
		for _, e := range n.Elements {
			if e != nil {
				f(e)
			}
		}
		exprs(n.Expressions, f)
	case *ast.UnaryExpression:
		expr(n.Operand, f)

	case *ast.BlockStatement:
		stmts(n.List, f)
	case *ast.CaseStatement:
		expr(n.Test, f)
		stmts(n.Consequent, f)
	case *ast.CatchStatement:
		expr(n.Parameter, f)
		if n.Body != nil {
			f(n.Body)
		}
	case *ast.DoWhileStatement:
		expr(n.Test, f)
		stmt(n.Body, f)
	case *ast.ExpressionStatement:
		expr(n.Expression, f)
	case *ast.ForInStatement:
		node(n.Into, f)
		expr(n.Source, f)
		stmt(n.Body, f)
	case *ast.ForOfStatement:
		node(n.Into, f)
		expr(n.Source, f)
		stmt(n.Body, f)
	case *ast.ForStatement:
		node(n.Initializer, f)
		expr(n.Update, f)
		expr(n.Test, f)
		stmt(n.Body, f)
	case *ast.IfStatement:
		expr(n.Test, f)
		stmt(n.Consequent, f)
		stmt(n.Alternate, f)
	case *ast.LabelledStatement:
		stmt(n.Statement, f)
	case *ast.ReturnStatement:
		expr(n.Argument, f)
	case *ast.SwitchStatement:
		expr(n.Discriminant, f)
		for _, c := range n.Body {
			if c != nil {
				f(c)
			}
		}
	case *ast.ThrowStatement:
		expr(n.Argument, f)
	case *ast.TryStatement:
		if n.Body != nil {
			f(n.Body)
		}
		if n.Catch != nil {
			f(n.Catch)
		}
		if n.Finally != nil {
			f(n.Finally)
		}
	case *ast.VariableStatement:
		bindings(n.List, f)
	case *ast.LexicalDeclaration:
		bindings(n.List, f)
	case *ast.WhileStatement:
		expr(n.Test, f)
		stmt(n.Body, f)
	case *ast.WithStatement:
		expr(n.Object, f)
		stmt(n.Body, f)
	case *ast.FunctionDeclaration:
		if n.Function != nil {
			f(n.Function)
		}
	case *ast.ClassDeclaration:
		if n.Class != nil {
			f(n.Class)
		}
	case *ast.VariableDeclaration:
		bindings(n.List, f)
	case *ast.FieldDefinition:
		expr(n.Key, f)
		expr(n.Initializer, f)
	case *ast.MethodDefinition:
		expr(n.Key, f)
		if n.Body != nil {
			f(n.Body)
		}
	case *ast.ClassStaticBlock:
		if n.Block != nil {
			f(n.Block)
		}
	case *ast.ForLoopInitializerExpression:
		expr(n.Expression, f)
	case *ast.ForLoopInitializerVarDeclList:
		bindings(n.List, f)
	case *ast.ForLoopInitializerLexicalDecl:
		f(&n.LexicalDeclaration)
	case *ast.ForIntoVar:
		if n.Binding != nil {
			f(n.Binding)
		}
	case *ast.ForDeclaration:
		expr(n.Target, f)
	case *ast.ForIntoExpression:
		expr(n.Expression, f)
	}
	// Leaves: identifiers, literals, this, super, template elements, bad nodes, empty,
	// debugger and branch statements, private names, meta properties.
}

// isNil reports a typed nil pointer inside a node interface.
func isNil(n ast.Node) bool {
	v := reflect.ValueOf(n)
	return v.Kind() == reflect.Pointer && v.IsNil()
}

func node(n ast.Node, f func(ast.Node)) {
	if n != nil && !isNil(n) {
		f(n)
	}
}

func expr(e ast.Expression, f func(ast.Node)) {
	if e != nil && !isNil(e) {
		f(e)
	}
}

func stmt(s ast.Statement, f func(ast.Node)) {
	if s != nil && !isNil(s) {
		f(s)
	}
}

func exprs(list []ast.Expression, f func(ast.Node)) {
	for _, e := range list {
		expr(e, f)
	}
}

func stmts(list []ast.Statement, f func(ast.Node)) {
	for _, s := range list {
		stmt(s, f)
	}
}

func props(list []ast.Property, f func(ast.Node)) {
	for _, p := range list {
		expr(p, f)
	}
}

func bindings(list []*ast.Binding, f func(ast.Node)) {
	for _, b := range list {
		if b != nil {
			f(b)
		}
	}
}

// walk calls f on n and every node below it.
func walk(n ast.Node, f func(ast.Node)) {
	if n == nil || isNil(n) {
		return
	}
	f(n)
	children(n, func(c ast.Node) { walk(c, f) })
}
