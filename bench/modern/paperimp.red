;redcode-94nop
;name Folded Spiral
;author drq bench (hand-written)
;strategy Sixteen processes run a four-line paper that copies itself 3740 cells on and
;strategy splits into each copy, throwing anti-imp bombs on the way; a 7-point imp spiral beside it.
;assert CORESIZE == 8000
        spl.b   spiral, 0
        spl.b   1, 0
        spl.b   1, 0
        spl.b   1, 0
        spl.b   1, 0
leaf    spl.b   @0, }3740
        mov.i   }leaf, >leaf
        mov.i   anti, >2229
        jmp.b   leaf, <leaf
anti    dat.f   <1143, <2286
spiral  spl.b   1, 0
        spl.b   1, 0
        spl.b   1, 0
        spl.b   2, 0
ring    jmp.b   @0, imp
        add.ab  #1143, ring
        dat.f   #0, #0
imp     mov.i   #0, 1143
        end     0
