;redcode-94
;name Stone
;author drq
;strategy Bomber: a self-modifying MOV that bombs with decrements at a mod-5 step.
;assert 1
step    equ     3044
stone   mov.i   <2, @2+step
        add.f   incr, stone
        djn.f   stone, <stone-5
incr    dat.f   #step, #-step
        end     stone
